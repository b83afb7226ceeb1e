"""A project's terms: promise, stake, capacity, value, check-in, confidence, owner, holidays, and
how it is forecast."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plazo.core.calendar import local_day
from plazo.store.models import Client, ForecastMode, Organisation, ProjectStatus
from plazo.web.forms.codes import HolidayCountryField, currency_code
from plazo.web.forms.places import holiday_country_choices, region_choices
from plazo.web.forms.widgets import DayInput

__all__ = ["ProjectForm"]

WEEKDAYS = [
    (0, _("Monday")), (1, _("Tuesday")), (2, _("Wednesday")), (3, _("Thursday")),
    (4, _("Friday")), (5, _("Saturday")), (6, _("Sunday")),
]  # fmt: skip


class ProjectForm(forms.Form):
    client = forms.TypedChoiceField(label=_("Client"), coerce=int)
    name = forms.CharField(label=_("Name"), max_length=200)
    start_on = forms.DateField(label=_("Start"), widget=DayInput())
    promised_on = forms.DateField(
        label=_("Promised date"),
        required=False,
        widget=DayInput(),
        help_text=_("Changing it records a new promise in the ledger."),
    )
    promise_reason = forms.CharField(
        label=_("Why the promise changes"), max_length=300, required=False
    )
    promise_told_on = forms.DateField(
        label=_("Already told the client? The day you told them"),
        required=False,
        widget=DayInput(),
        help_text=_(
            "Only if you told the client of the later date yourself (a call, a meeting, your "
            "own e-mail). Then say why it changes, above: the ledger keeps it as told outside "
            "plazo, on that day."
        ),
    )
    stake = forms.CharField(
        label=_("What the client counts on it for"),
        max_length=300,
        required=False,
        help_text=_("In the client's language, e.g. 'the annual shareholders' meeting'."),
    )
    stake_on = forms.DateField(
        label=_("When the client needs it"),
        required=False,
        widget=DayInput(),
        help_text=_("Usually on or after the promised date: a promise after it fails the client."),
    )
    capacity_hours_per_week = forms.DecimalField(
        label=_("Capacity (hours per week)"), min_value=Decimal("0.5"), max_digits=7,
        decimal_places=2, initial=Decimal("30"),
    )  # fmt: skip
    value = forms.DecimalField(
        label=_("Value"), min_value=0, max_digits=12, decimal_places=2, initial=Decimal("0")
    )
    currency = forms.CharField(label=_("Currency"), max_length=3)
    checkin_weekday = forms.TypedChoiceField(
        label=_("Check-in day"), choices=WEEKDAYS, coerce=int, initial=0
    )
    checkin_hour = forms.IntegerField(
        label=_("Check-in hour (client's time)"), min_value=0, max_value=23, initial=9
    )
    confidence_percent = forms.IntegerField(
        label=_("Confidence target (%)"), min_value=50, max_value=99, initial=85,
        help_text=_("New dates are recommended at this chance of being met."),
    )  # fmt: skip
    forecast_mode = forms.ChoiceField(
        label=_("How to forecast"),
        choices=[
            (ForecastMode.AUTO, _("auto: chosen by itself")),
            (ForecastMode.ESTIMATES, _("from the estimates")),
            (ForecastMode.THROUGHPUT, _("by counting items (throughput)")),
        ],
        initial=ForecastMode.AUTO,
        required=False,  # a form posted without it keeps the project's own (new ones: auto)
        help_text=_(
            "Auto forecasts from the estimates when most remaining items have one, and counts "
            "items at the team's recent weekly pace when most do not. The project page says "
            "which it chose and why."
        ),
    )
    owner = forms.TypedChoiceField(label=_("Owner"), coerce=int)
    country = HolidayCountryField(label=_("Holiday calendar: country"))
    subdivision = forms.ChoiceField(label=_("Holiday calendar: region (optional)"), required=False)
    # Delivery is not a status to pick: it resolves the promise (kept or broken) in the ledger.
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("active", _("active")), ("paused", _("paused")), ("cancelled", _("cancelled"))],
        initial="active",
    )
    # Cancelling ends the promise in the ledger and closes the draft notices: as *Mark delivered*
    # does, it asks for an explicit tick instead of following one select.
    confirm_cancel = forms.BooleanField(
        label=_(
            "To cancel: I understand that the promise to the client ends in the ledger "
            "(cancelled, neither kept nor broken), draft delay notices are closed and no more "
            "weekly updates go out."
        ),
        required=False,
    )

    def __init__(
        self, *args: Any, organisation: Organisation, editing: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.editing = editing
        clients = Client.objects.for_organisation(organisation).order_by("name")
        cast(forms.ChoiceField, self.fields["client"]).choices = [(c.pk, c.name) for c in clients]
        self._zones = {c.pk: c.time_zone for c in clients}
        members = organisation.memberships.select_related("user").order_by("pk")
        cast(forms.ChoiceField, self.fields["owner"]).choices = [
            (m.user_id, m.user.get_full_name() or m.user.email or m.user.get_username())
            for m in members
        ]
        self._regions(organisation)
        if not editing:
            del self.fields["promise_reason"]
            del self.fields["promise_told_on"]
        else:
            self.fields["promised_on"].help_text = _(
                "Bringing it forward changes it at once. Moving it later is a delay: the client "
                "keeps the date they were given until they hear of the new one, so plazo "
                "prepares the delay notice with your date for you to review and send, and the "
                "promise changes when you approve it."
            )
        if not editing or self.initial.get("status") == ProjectStatus.DELIVERED:
            del self.fields["status"]
        if "status" not in self.fields or self.initial.get("status") == ProjectStatus.CANCELLED:
            del self.fields["confirm_cancel"]

    def _regions(self, organisation: Organisation) -> None:
        """The country list, and the regions of the country the form shows (posted, else the
        project's, else the organisation's), so the hint fits that country."""
        cast(forms.ChoiceField, self.fields["country"]).choices = holiday_country_choices()
        country = str(
            (self.data.get("country") if self.is_bound else None)
            or self.initial.get("country")
            or organisation.country
            or ""
        ).upper()
        region = cast(forms.ChoiceField, self.fields["subdivision"])
        regions = region_choices(country)
        region.choices = [("", _("None: the national holidays only")), *regions]
        region.help_text = _("The regions of the chosen country that have holidays of their own.")
        region.error_messages["invalid_choice"] = _("This region is not known for that country.")
        # The country list fetches its regions (htmx); without JavaScript, saving shows them.
        self.fields["country"].widget.attrs.update(
            {
                "hx-get": reverse("web:holiday_regions"),
                "hx-target": "#id_subdivision",
                "hx-swap": "innerHTML",
            }
        )

    def clean_currency(self) -> str:
        return currency_code(self.cleaned_data["currency"])

    def clean_forecast_mode(self) -> str:
        return str(
            self.cleaned_data.get("forecast_mode")
            or self.initial.get("forecast_mode")
            or ForecastMode.AUTO
        )

    def clean_promised_on(self) -> date | None:
        day = self.cleaned_data.get("promised_on")
        zone = self._zones.get(
            self.cleaned_data.get("client") or 0, timezone.get_current_timezone_name()
        )
        today = local_day(timezone.now(), zone)  # the project's today is its client's
        if day is not None and day < today and "promised_on" in self.changed_data:
            raise forms.ValidationError(_("A new promise cannot be in the past."))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, promised = data.get("start_on"), data.get("promised_on")
        if start and promised and promised < start:
            self.add_error("promised_on", _("The promised date is before the start."))
        if self.editing and "promised_on" in self.changed_data and not data.get("promised_on"):
            self.add_error("promised_on", _("A promise can be replaced, not removed."))
        self._check_telling(data)
        cancelling = "confirm_cancel" in self.fields and data.get("status") == "cancelled"
        if cancelling and not data.get("confirm_cancel"):
            self.add_error(
                "confirm_cancel", _("Tick this to cancel the project, or keep its status.")
            )
        return data

    def _check_telling(self, data: dict[str, Any]) -> None:
        """A day the client was told goes with a later date and a reason, and has happened."""
        told_on = data.get("promise_told_on")
        if told_on is None:
            return
        before, promised = self.initial.get("promised_on"), data.get("promised_on")
        if before is None or promised is None or promised <= before:
            self.add_error(
                "promise_told_on",
                _("Only a later promised date needs the day you told the client; leave it empty."),
            )
            return
        if not (data.get("promise_reason") or "").strip():
            self.add_error(
                "promise_reason",
                _("Say why the promise changes: the ledger keeps what the client was told."),
            )
        zone = self._zones.get(data.get("client") or 0, timezone.get_current_timezone_name())
        if told_on > local_day(timezone.now(), zone):
            self.add_error("promise_told_on", _("That day has not come yet."))

    def values(self) -> dict[str, Any]:
        """The cleaned data as the store's field names."""
        data = dict(self.cleaned_data)
        data["client_id"] = data.pop("client")
        data["owner_id"] = data.pop("owner")
        data["confidence_target"] = Decimal(data.pop("confidence_percent")) / 100
        data.pop("confirm_cancel", None)
        return data
