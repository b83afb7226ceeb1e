"""Codes a person types in more than one form: a currency and a holiday country."""

from __future__ import annotations

import holidays
from django import forms
from django.utils.translation import gettext_lazy as _

__all__ = ["HolidayCountryField", "country_code", "currency_code"]


def currency_code(value: object) -> str:
    """A three-letter currency code, upper case, or a form error."""
    code = str(value).strip().upper()
    if len(code) != 3 or not code.isascii() or not code.isalpha():
        raise forms.ValidationError(_("Use a three-letter code such as GBP, EUR or USD."))
    return code


def country_code(value: object) -> str:
    """A country code plazo has a holiday calendar for, upper case, or a form error."""
    code = str(value).strip().upper()
    if code not in holidays.list_supported_countries():
        raise forms.ValidationError(_("plazo has no holiday calendar for this country code."))
    return code


class HolidayCountryField(forms.ChoiceField):
    """A holiday country picked from the list the client form has, narrowed to the countries
    plazo has a calendar for; a code posted in lower case (a script, an old form) is accepted."""

    def to_python(self, value: object) -> str:
        return str(super().to_python(value)).strip().upper()

    def validate(self, value: object) -> None:
        if value and not self.valid_value(value):
            raise forms.ValidationError(_("plazo has no holiday calendar for this country code."))
        super().validate(value)
