"""An update that waits for the owner's approval says what is true when it goes out.

With manual approval (the default) the worker writes each week's update as a draft at the
check-in. Work goes on meanwhile: tasks are finished, the forecast moves, a delay case opens. A
draft written at 09:00 and approved at 16:00 would otherwise tell the client the morning's
progress (finished tasks still listed as next steps, an old risk and P85). So the draft is
rewritten, under the same key (the same Message-ID, the same thread):

- whenever the project is re-forecast (a change in the dashboard, an import, an API event, the
  debounced re-forecast of the worker), when what it would say changed, so *This week* shows the
  approver what will go out;
- always when it is approved (*Send now*), from a fresh forecast, so what goes out is the
  project as it is then.

Only the update of the check-in the project owes now is rewritten, and only while nobody sent
it: a draft, or one cancelled by hand and sent again. A delay notice that replaces the week's
update cancels it first (:mod:`plazo.store.services.weeks.covered`), and *Send now* refuses a
replaced update, so these rules never bring a replaced update back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction

from plazo.store.models import Message, MessageKind, MessageState, Project
from plazo.store.services.checkins.weekly import compose_weekly_update_for
from plazo.store.services.composing.inputs import NotReadyToCompose
from plazo.store.services.outbox.write import rewrite_message
from plazo.store.services.weeks.checkin_week import weekly_key

__all__ = ["APPROVABLE", "refresh_waiting_update"]

# An update in these states has not gone out and waits for a person: it may be rewritten.
APPROVABLE = (MessageState.DRAFT, MessageState.CANCELLED)


@transaction.atomic
def refresh_waiting_update(
    project: Project,
    *,
    now: datetime,
    states: Sequence[str] = (MessageState.DRAFT,),
    always: bool = False,
) -> Message | None:
    """Rewrite this week's unsent update of ``project`` from its latest forecast.

    Returns the update when it was rewritten; None when there is none in ``states``, when the
    project cannot be composed for now (no forecast), or when the text would not change (unless
    ``always``: an approval also dates the message to the moment it goes out).
    """
    update = (
        Message.objects.select_for_update()
        .filter(
            idempotency_key=weekly_key(project, now),
            kind=MessageKind.WEEKLY_UPDATE,
            state__in=list(states),
        )
        .first()
    )
    if update is None:
        return None
    try:
        composed = compose_weekly_update_for(project, now=now)
    except NotReadyToCompose:
        return None  # no forecast to say anything from: the draft stays as written
    same = (composed.subject, composed.text, composed.html) == (
        update.subject,
        update.text,
        update.html,
    )
    if same and not always:
        return None
    return rewrite_message(update, composed, now=now)
