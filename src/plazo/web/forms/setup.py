"""The first-run form (``/setup/``): the same questions, defaults and checks as ``plazo init``.

The country, currency, time zone and clients' language start where ``plazo init`` starts them
(the machine's country, and what follows from it); changing the country asks the page again
(htmx) and the three others follow it unless the person changed them
(``plazo.store.services.access.studio_places``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

import holidays
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plazo.store.services.access.studio import MIN_PASSWORD_LENGTH
from plazo.store.services.access.studio_places import (
    LANGUAGES,
    StudioPlace,
    chosen_by_hand,
    country_problem,
    currency_problem,
    follow_country,
    language_problem,
    place_defaults,
    time_zone_problem,
    zone_name,
)
from plazo.web.forms.places import country_choices, time_zone_choices

__all__ = ["SetupForm", "place_asked"]

PLACE_FIELDS = ("country", "currency", "time_zone", "language")


def place_asked(query: Mapping[str, str]) -> StudioPlace:
    """The place the form shows: the machine's defaults, or (when the country was changed on
    the page) the new country's, keeping what the person changed by hand."""
    defaults = place_defaults()
    country = str(query.get("country") or "").strip().upper()
    if not country or country_problem(country) is not None:
        return defaults
    shown = StudioPlace(
        country=str(query.get("defaults_country") or defaults.country).strip().upper(),
        currency=str(query.get("currency") or "").strip().upper(),
        time_zone=str(query.get("time_zone") or "").strip(),
        language=str(query.get("language") or "").strip(),
    )
    return follow_country(shown, country, kept=chosen_by_hand(shown, shown.country))


def _checked(problem: Callable[[str], str | None], value: str) -> str:
    found = problem(value)
    if found is not None:
        raise forms.ValidationError(found)
    return value


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
    country = forms.CharField(
        label=_("Your country"),
        max_length=2,
        help_text=_(
            "Its public holidays are days off. The currency, time zone and language follow it."
        ),
    )
    currency = forms.CharField(label=_("Currency (ISO 4217)"), max_length=3)
    time_zone = forms.CharField(label=_("Time zone"), max_length=64)
    language = forms.ChoiceField(
        label=_("Your clients' usual language"), choices=list(LANGUAGES.items())
    )
    # The country the three fields after it were last defaulted from: what tells a value the
    # person changed from one that followed the country.
    defaults_country = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, place: StudioPlace | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        place = place or place_defaults()
        for field in PLACE_FIELDS:
            self.fields[field].initial = getattr(place, field)
        self.fields["defaults_country"].initial = place.country
        with_holidays = set(holidays.list_supported_countries())
        self.fields["country"].widget = forms.Select(
            choices=[(code, name) for code, name in country_choices() if code in with_holidays]
        )
        self.fields["time_zone"].widget = forms.Select(choices=time_zone_choices())
        # Changing the country asks the page for what follows from it (see place_asked).
        self.fields["country"].widget.attrs.update(
            {
                "hx-get": reverse("web:setup"),
                "hx-trigger": "change",
                "hx-include": "#setup-place",
                "hx-select": "#setup-place",
                "hx-target": "#setup-place",
                "hx-swap": "outerHTML",
            }
        )

    def clean_country(self) -> str:
        return _checked(country_problem, str(self.cleaned_data["country"]).strip().upper())

    def clean_currency(self) -> str:
        return _checked(currency_problem, str(self.cleaned_data["currency"]).strip().upper())

    def clean_time_zone(self) -> str:
        country = str(self.cleaned_data.get("country") or "")
        zone = zone_name(str(self.cleaned_data["time_zone"]))
        return _checked(partial(time_zone_problem, country=country), zone)

    def clean_language(self) -> str:
        return _checked(language_problem, str(self.cleaned_data["language"]))

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return data

    def place_fields(self) -> list[forms.BoundField]:
        return [self[field] for field in PLACE_FIELDS]

    def person_fields(self) -> list[forms.BoundField]:
        return [self[f] for f in ("organisation", "name", "email", "password", "password_again")]
