"""Clients and their contacts."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from plazo.store.models import Language
from plazo.web.forms.places import country_choices, time_zone_choices

REGISTERS = [("formal", _("formal")), ("informal", _("informal")), ("vos", _("informal (vos)"))]
# How each language's clients are spoken to, named as that language does it: only Spanish has
# usted, tú and vos (voseo: Argentina, Uruguay, Paraguay, Central America); English has formal
# and casual, and writes to a vos client casually (docs/composer.md).
REGISTERS_BY_LANGUAGE = {
    "es": [
        ("formal", _("formal (usted)")),
        ("informal", _("informal (tú)")),
        ("vos", _("informal (vos)")),
    ],
    "en": [("formal", _("formal")), ("informal", _("casual"))],
}
# A vos client whose language is English keeps the choice (casual English until Spanish again).
VOS_IN_ENGLISH = ("vos", _("casual (vos in Spanish)"))
REGISTER_HELP = _(
    "How messages address the client: usted, tú or vos in Spanish, formal or casual in English."
)

__all__ = ["ClientForm", "ContactForm", "NewClientForm"]


COUNTRY_HELP = _(
    "Dates in English follow it: 29 January 2027 in the United Kingdom, January 29, 2027 in "
    "the United States."
)


def _time_zone(value: str) -> str:
    value = value.strip()
    if value not in available_timezones():
        raise forms.ValidationError(_("Choose a time zone from the list."))
    return value


def _places(form: forms.Form, *, automatic_zone: str | None) -> None:
    """Fill the country and time-zone lists (``automatic_zone``: offer a blank "automatic" zone
    that follows the country, else is the organisation's, named)."""
    country = form.fields["country"]
    assert isinstance(country, forms.ChoiceField)
    country.choices = [("", _("Not given")), *country_choices()]
    zone = form.fields["time_zone"]
    assert isinstance(zone, forms.ChoiceField)
    zones: list[tuple[str, object]] = list(time_zone_choices())
    if automatic_zone is not None:
        automatic = _("The country's, else the organisation's (%(zone)s)") % {
            "zone": automatic_zone
        }
        zones.insert(0, ("", automatic))
    zone.choices = zones


class NewClientForm(forms.Form):
    """Only a name and a contact e-mail; the rest defaults from the organisation (the time zone
    from the client's country when one is chosen)."""

    name = forms.CharField(label=_("Client's name"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact's e-mail address"))
    contact_name = forms.CharField(label=_("Contact's name"), max_length=200, required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("The organisation's")), *Language.choices],
        required=False,
    )
    # Blank: the register follows the country and language chosen on this form, as the time
    # zone follows the country (plazo.store.services.work.registers).
    register = forms.ChoiceField(
        label=_("Register"),
        choices=[("", _("Suggested by the country and language")), *REGISTERS],
        required=False,
        help_text=format_lazy(
            "{} {}",
            REGISTER_HELP,
            _(
                "Suggested: vos for a Spanish-speaking client in Argentina, Uruguay or Paraguay; "
                "else the register most of your clients in that language have, else formal."
            ),
        ),
    )
    country = forms.ChoiceField(label=_("Country"), required=False, help_text=COUNTRY_HELP)
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        help_text=_("Weekly check-ins go out at the client's local hour."),
    )

    def __init__(
        self,
        *args: Any,
        organisation_country: str = "",
        organisation_zone: str = "UTC",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].initial = organisation_country
        _places(self, automatic_zone=organisation_zone)

    def clean_time_zone(self) -> str:
        value = str(self.cleaned_data["time_zone"])
        return _time_zone(value) if value else ""


class ClientForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    register = forms.ChoiceField(label=_("Register"), choices=REGISTERS, help_text=REGISTER_HELP)
    country = forms.ChoiceField(label=_("Country"), required=False, help_text=COUNTRY_HELP)
    time_zone = forms.ChoiceField(
        label=_("Time zone"), help_text=_("Weekly check-ins go out at the client's local hour.")
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, language: str = "", **kwargs: Any) -> None:
        """``language``: the client's, so the register is offered in that language's terms
        (an English client is never offered "usted")."""
        super().__init__(*args, **kwargs)
        _places(self, automatic_zone=None)
        current = str(self.initial.get("time_zone") or "")
        listed = {value for _, group in time_zone_choices() for value, _ in group}
        if current and current not in listed:  # an old alias stays selectable
            zone = self.fields["time_zone"]
            assert isinstance(zone, forms.ChoiceField)
            zone.choices = [*time_zone_choices(), (current, current)]
        if language in REGISTERS_BY_LANGUAGE:
            field = self.fields["register"]
            assert isinstance(field, forms.ChoiceField)
            choices = list(REGISTERS_BY_LANGUAGE[language])
            if language == "en" and self.initial.get("register") == "vos":
                choices.append(VOS_IN_ENGLISH)
            field.choices = choices
            field.help_text = ""

    def clean_time_zone(self) -> str:
        return _time_zone(self.cleaned_data["time_zone"])


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail address"))
    is_primary = forms.BooleanField(label=_("Primary contact (greeted first)"), required=False)
