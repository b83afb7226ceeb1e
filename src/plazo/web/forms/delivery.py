"""The day a project was delivered, and the owner's confirmation that the client is told."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from plazo.web.forms.widgets import DayInput

__all__ = ["DeliveryForm"]


class DeliveryForm(forms.Form):
    """Delivery settles the promise, stops the updates and e-mails the client, for good: the
    owner ticks a box that says so (no script: the page's policy allows none)."""

    delivered_on = forms.DateField(label=_("Delivered on"), widget=DayInput())
    confirm = forms.BooleanField(required=True)
