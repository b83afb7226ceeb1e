"""The owner's alert of a delay case says what is true when it goes out.

The alert is written when the forecast opens the case, and queued. It may wait: the worker is
not running, the mail server refuses it for a while. Meanwhile the owner changes the project
(more hours a week, tasks done) and the forecast moves. An alert sent with the numbers of the
moment the case opened would contradict the review page it links to, so the worker rewrites it
just before sending (:func:`refresh_owner_alert`), under the same key and Message-ID, from the
project's latest forecast, as an update that waits for approval is
(:mod:`plazo.store.services.checkins.waiting`).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction

from plazo.core import compose
from plazo.store.links import links
from plazo.store.models import DelayCase, DelayCaseState, Forecast, Message
from plazo.store.services.composing import inputs
from plazo.store.services.composing.inputs import NotReadyToCompose
from plazo.store.services.delays.draft import recommended_on
from plazo.store.services.forecasting.run import OrganisationHistories, reforecast_project
from plazo.store.services.outbox.write import rewrite_message
from plazo.store.services.work.snapshots import ProjectSnapshot, load_project_snapshot

__all__ = ["case_alert_key", "compose_case_alert", "latest_day_for_stake", "refresh_owner_alert"]


def latest_day_for_stake(case: DelayCase, *, today: date) -> date | None:
    """The last working day before the project's stake that a new promise may name, or None."""
    project = case.project
    if project.stake_on is None:
        return None
    calendar = project.work_calendar()
    day = project.stake_on - timedelta(days=1)
    while day >= today and not calendar.is_working_day(day):
        day -= timedelta(days=1)
    previous = case.previous_promised_on
    if day < today or (previous is not None and day <= previous):
        return None
    return day


def compose_case_alert(
    snapshot: ProjectSnapshot, case: DelayCase, forecast: Forecast, *, now: datetime
) -> compose.Message:
    """The alert for ``case`` from ``forecast`` (the project's latest): its numbers, the new date
    the review page recommends, and, when that misses the client's stake, what the page offers
    instead (the latest date that still makes it, or none)."""
    project = snapshot.project
    today = project.client_today(now)
    return compose.compose_owner_alert(
        inputs.organisation_input(project.organisation),
        inputs.project_input(project),
        inputs.forecast_view(snapshot, forecast, today=today),
        client_name=project.client.name,
        draft_url=links().delay_case(case.pk),
        sent_at=now,
        message_key=f"alert-case-{case.pk}",
        recommended_on=recommended_on(case, forecast),
        language=inputs.owner_language(project),
        stake_latest_on=latest_day_for_stake(case, today=today),
    )


def case_alert_key(case_id: int) -> str:
    """The idempotency key of the alert that opened delay case ``case_id``."""
    return f"owner_alert:case:{case_id}"


@transaction.atomic
def refresh_owner_alert(message: Message, *, now: datetime) -> Message:
    """Rewrite the unsent alert of a draft case from the project as it is at ``now``.

    1. Only the alert that opened a case still awaiting review; any other is left as it is.
    2. The project is re-forecast first (a row is stored only if its inputs changed), so the
       alert reads the forecast the review page will read.
    3. Rewritten under the same key and Message-ID only when its text would change.
    """
    case_id = message.delay_case_id
    if case_id is None or message.idempotency_key != case_alert_key(case_id):
        return message  # another alert (an escalation, a failure): not the case's own
    case = (
        DelayCase.objects.select_related("project__client", "project__organisation")
        .filter(pk=case_id, state=DelayCaseState.DRAFT)
        .first()
    )
    if case is None:
        return message
    project = case.project
    run = reforecast_project(
        load_project_snapshot(project),
        today=project.client_today(now),
        now=now,
        histories=OrganisationHistories(),
    )
    if run.forecast is None:
        return message
    try:
        composed = compose_case_alert(run.snapshot, case, run.forecast, now=now)
    except NotReadyToCompose:
        return message  # nothing new to say it from: the alert goes as written
    locked = Message.objects.select_for_update().get(pk=message.pk)
    if (composed.subject, composed.text, composed.html) == (
        locked.subject,
        locked.text,
        locked.html,
    ):
        return locked
    return rewrite_message(locked, composed, now=now)
