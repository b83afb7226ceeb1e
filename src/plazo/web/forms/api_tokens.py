"""Create an API token: what it is for."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

__all__ = ["TokenForm"]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("What the token is for"),
        max_length=120,  # ApiToken.name, as 'plazo token create --name' allows
        help_text=_("A name to recognise it by, e.g. the tool that will use it."),
    )
