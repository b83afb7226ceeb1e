"""The first-run form (``/setup/``): the same questions as ``plazo init``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from plazo.store.services.access.studio import MIN_PASSWORD_LENGTH

__all__ = ["SetupForm"]


class SetupForm(forms.Form):
    organisation = forms.CharField(label=_("Your studio's name"), max_length=200)
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.EmailField(label=_("Your e-mail address (you log in with it)"))
    password = forms.CharField(
        label=_("Password"),
        min_length=MIN_PASSWORD_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("The same password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    language = forms.ChoiceField(
        label=_("Your clients' usual language"),
        choices=[("es", "Español"), ("en", "English")],
        initial="es",
    )
    currency = forms.CharField(label=_("Currency (ISO 4217)"), initial="EUR", max_length=3)
    country = forms.CharField(label=_("Country, for public holidays (ISO 3166)"), initial="ES")

    def clean_currency(self) -> str:
        code = str(self.cleaned_data["currency"]).strip().upper()
        if len(code) != 3 or not code.isalpha():
            raise forms.ValidationError(_("Use a three-letter code such as EUR."))
        return code

    def clean_country(self) -> str:
        code = str(self.cleaned_data["country"]).strip().upper()
        if len(code) != 2 or not code.isalpha():
            raise forms.ValidationError(_("Use a two-letter code such as ES."))
        return code

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return data
