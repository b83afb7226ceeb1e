"""The day a project was delivered."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from plazo.web.forms.widgets import DayInput

__all__ = ["DeliveryForm"]


class DeliveryForm(forms.Form):
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DayInput())
