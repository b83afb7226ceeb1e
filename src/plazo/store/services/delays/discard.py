"""Discard a draft delay case: opened by mistake, or the delay went away before the client heard.

Only a draft can go: an approved case's notice is queued or sent, and the client has (or will
have) read it. The case stays, cancelled, with when and why, so its page still says what became
of it; its owner alert, if it has not gone out, is withdrawn.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from plazo.core.errors import PlazoError
from plazo.store.models import DelayCase, DelayCaseState, Message, MessageKind, MessageState

__all__ = ["CaseNotDiscardable", "discard_case"]

REASON_MAX_CHARS = 1000
_UNSENT = (MessageState.DRAFT, MessageState.QUEUED, MessageState.RETRY)


class CaseNotDiscardable(PlazoError):
    """The case is no longer a draft (approved, sent or cancelled), or no reason was given."""

    code = "case_not_discardable"


@transaction.atomic
def discard_case(case: DelayCase, *, reason: str, now: datetime) -> DelayCase:
    """Cancel the draft ``case`` with ``reason``; nothing is sent to the client.

    1. Lock the case; only a draft can be discarded (:class:`CaseNotDiscardable`).
    2. Record the reason and the time on the case: that is its history.
    3. Withdraw its owner alert if it has not gone out: it asks for a review nobody needs now.
    """
    reason = " ".join(reason.split())[:REASON_MAX_CHARS]
    if not reason:
        raise CaseNotDiscardable("say why the draft is discarded")
    case = DelayCase.objects.select_for_update().get(pk=case.pk)
    if case.state != DelayCaseState.DRAFT:
        raise CaseNotDiscardable(f"this delay case is {case.state}; only a draft can be discarded")
    case.state = DelayCaseState.CANCELLED
    case.closed_at = now
    case.closed_reason = reason
    case.save(update_fields=["state", "closed_at", "closed_reason"])
    Message.objects.filter(delay_case=case, kind=MessageKind.OWNER_ALERT, state__in=_UNSENT).update(
        state=MessageState.CANCELLED,
        next_attempt_at=None,
        last_error="The draft delay case was discarded before this alert went out.",
    )
    return case
