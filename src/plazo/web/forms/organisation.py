"""The organisation's settings and its compensation policy, as the owner edits them."""

from __future__ import annotations

from typing import Any, cast
from zoneinfo import available_timezones

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from plazo.core.policy import PolicyError, load_policy
from plazo.store.models import Language
from plazo.web.forms.codes import HolidayCountryField, currency_code
from plazo.web.forms.places import holiday_country_choices

__all__ = ["OrganisationSettingsForm", "PolicyForm"]


class OrganisationSettingsForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    language = forms.ChoiceField(
        label=_("Your clients' usual language"),
        choices=Language.choices,
        help_text=_("New clients start with it; each client can have their own."),
    )
    currency = forms.CharField(
        label=_("Currency (ISO 4217)"),
        max_length=3,
        help_text=_("New projects start with it; each project can have its own."),
    )
    country = HolidayCountryField(
        label=_("Country, for public holidays"),
        help_text=_("New projects start with its holiday calendar."),
    )
    time_zone = forms.CharField(
        label=_("Time zone"),
        max_length=64,
        help_text=_("The dashboard's dates and times are in it; clients have their own."),
    )
    sender_email = forms.EmailField(
        label=_("Sender address of client e-mail (From:)"),
        required=False,
        help_text=_("Left empty, the owner's address is used. Replies go to each project's owner."),
    )
    send_updates_automatically = forms.BooleanField(
        label=_("Send weekly updates without my approval"),
        required=False,
        help_text=_("Otherwise each week's update waits on the This week page for approval."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the client form's list, narrowed to the countries plazo has a calendar for
        cast(forms.ChoiceField, self.fields["country"]).choices = holiday_country_choices()

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"]).strip()
        if not name:
            raise forms.ValidationError(_("Give the organisation a name."))
        return name

    def clean_currency(self) -> str:
        return currency_code(self.cleaned_data["currency"])

    def clean_time_zone(self) -> str:
        value = str(self.cleaned_data["time_zone"]).strip()
        if value != "UTC" and ("/" not in value or value not in available_timezones()):
            raise forms.ValidationError(
                _("Use a time zone name such as Europe/London or America/New_York.")
            )
        return value


class PolicyForm(forms.Form):
    policy_toml = forms.CharField(
        label=_("The policy (TOML)"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false", "class": "code"}),
        help_text=_(
            "Rules are tried from top to bottom; the first whose conditions hold decides the "
            "offer. Empty means plazo's default policy."
        ),
    )

    def clean_policy_toml(self) -> str:
        text = str(self.cleaned_data["policy_toml"]).replace("\r\n", "\n")
        if text.strip():
            try:
                load_policy(text, source="policy")
            except PolicyError as error:
                raise forms.ValidationError(
                    [
                        _("Line %(line)s, column %(column)s: %(problem)s")
                        % {
                            "line": issue.line,
                            "column": issue.column,
                            "problem": issue.describe((get_language() or "en")[:2]),
                        }
                        for issue in error.errors
                    ]
                ) from error
        return text
