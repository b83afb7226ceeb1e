"""Clients and their contacts."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from django import forms
from django.utils.translation import gettext_lazy as _

from plazo.store.models import Language

REGISTERS = [("formal", _("formal")), ("informal", _("informal"))]
# How each language's clients are spoken to, named as that language does it: only Spanish has
# usted and tú; English has formal and casual (docs/composer.md).
REGISTERS_BY_LANGUAGE = {
    "es": [("formal", _("formal (usted)")), ("informal", _("informal (tú)"))],
    "en": [("formal", _("formal")), ("informal", _("casual"))],
}
REGISTER_HELP = _(
    "How messages address the client: usted or tú in Spanish, formal or casual in English."
)

__all__ = ["ClientForm", "ContactForm", "NewClientForm"]


def _time_zone(value: str) -> str:
    value = value.strip()
    if value not in available_timezones():
        raise forms.ValidationError(_("Use a time zone name such as Europe/Madrid."))
    return value


class NewClientForm(forms.Form):
    """Only a name and a contact e-mail; the rest defaults from the organisation."""

    name = forms.CharField(label=_("Client's name"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact's e-mail address"))
    contact_name = forms.CharField(label=_("Contact's name"), max_length=200, required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("The organisation's")), *Language.choices],
        required=False,
    )
    register = forms.ChoiceField(
        label=_("Register"), choices=REGISTERS, initial="formal", help_text=REGISTER_HELP
    )


class ClientForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    register = forms.ChoiceField(label=_("Register"), choices=REGISTERS, help_text=REGISTER_HELP)
    time_zone = forms.CharField(label=_("Time zone"), max_length=64)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, language: str = "", **kwargs: Any) -> None:
        """``language``: the client's, so the register is offered in that language's terms
        (an English client is never offered "usted")."""
        super().__init__(*args, **kwargs)
        if language in REGISTERS_BY_LANGUAGE:
            field = self.fields["register"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = REGISTERS_BY_LANGUAGE[language]
            field.help_text = ""

    def clean_time_zone(self) -> str:
        return _time_zone(self.cleaned_data["time_zone"])


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail address"))
    is_primary = forms.BooleanField(label=_("Primary contact (greeted first)"), required=False)
