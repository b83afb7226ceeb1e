"""The policy page's question "what would the policy offer?": a slip, for a project or a value."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from plazo.core.policy import Cause
from plazo.store.models import Organisation, Project, ProjectStatus
from plazo.store.services.delays.offer_preview import SlipQuestion
from plazo.web.policy_summary import CAUSES

__all__ = ["PolicyOfferForm"]

_MOST_WORKING_DAYS = 1000  # four years of working days: past it a slip is a new project


class PolicyOfferForm(forms.Form):
    """Sent by GET with the prefix ``offer``: asking changes nothing, so any member may ask."""

    project = forms.ModelChoiceField(
        label=_("Project"),
        queryset=Project.objects.none(),
        required=False,
        empty_label=_("None (give a value)"),
    )
    slip_working_days = forms.IntegerField(
        label=_("Slip (working days)"), min_value=0, max_value=_MOST_WORKING_DAYS
    )
    earlier_slips = forms.IntegerField(
        label=_("Earlier slips of the project"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("Left empty: the project's own (its promises after the first), else none."),
    )
    value = forms.DecimalField(
        label=_("Project value"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        required=False,
    )
    cause = forms.ChoiceField(
        label=_("Whose doing the slip is"),
        choices=[(str(cause), CAUSES[str(cause)]) for cause in Cause],
        initial=str(Cause.OURS),
    )
    notice_lead_working_days = forms.IntegerField(
        label=_("Notice given (working days before the promised date)"),
        min_value=0,
        max_value=_MOST_WORKING_DAYS,
        required=False,
        help_text=_("Left empty: from today to the project's promised date; unknown without one."),
    )

    prefix = "offer"

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["project"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            Project.objects.for_organisation(organisation)
            .filter(status__in=[ProjectStatus.ACTIVE, ProjectStatus.PAUSED])
            .select_related("client")
            .order_by("name", "pk")
        )
        self.fields["value"].help_text = _(
            "In the project's currency (%(currency)s without a project). Left empty: the "
            "project's value."
        ) % {"currency": organisation.currency}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("project") is None and cleaned.get("value") is None:
            self.add_error("value", _("Give the project's value, or pick a project."))
        return cleaned

    def question(self) -> SlipQuestion:
        """The valid form as the question the policy answers."""
        data = self.cleaned_data
        return SlipQuestion(
            slip_working_days=data["slip_working_days"],
            project=data["project"],
            earlier_slips=data["earlier_slips"],
            value=data["value"],
            cause=data["cause"],
            notice_lead_working_days=data["notice_lead_working_days"],
        )
