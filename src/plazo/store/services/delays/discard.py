"""Discard a draft delay case: opened by mistake, or the delay went away before the client heard.

Only a draft can go: an approved case's notice is queued or sent, and the client has (or will
have) read it. The case stays, cancelled, with when and why, so its page still says what became
of it; its owner alert, if it has not gone out, is withdrawn.

The owner discards one with a reason (:func:`discard_case`); plazo closes a project's drafts
itself when the project is delivered or cancelled (:func:`close_drafts_of_ended_project`): a
notice about a promise that is settled has nothing left to say; and when a person records telling
the client of a new date outside plazo (:func:`close_drafts_told_outside`): the client has heard,
and the draft's date (one proposed in the edit form, or the forecast's) is no longer the promise.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction

from plazo.core.errors import PlazoError
from plazo.store.models import (
    DelayCase,
    DelayCaseState,
    Message,
    MessageKind,
    MessageState,
    Organisation,
    Project,
    ProjectStatus,
)

__all__ = [
    "ENDED_REASONS",
    "TOLD_REASON",
    "CaseNotDiscardable",
    "close_drafts_of_ended_project",
    "close_drafts_told_outside",
    "discard_case",
]

REASON_MAX_CHARS = 1000
_UNSENT = (MessageState.DRAFT, MessageState.QUEUED, MessageState.RETRY)
# The reason recorded on a draft closed because its project ended, in the organisation's
# language (the case page shows it as "Reason: …", as an owner's own).
ENDED_REASONS: dict[str, dict[str, str]] = {
    ProjectStatus.DELIVERED: {
        "en": "Closed by plazo: the project was delivered on {day}, so the notice was not needed.",
        "es": "Cerrado por plazo: el proyecto se entregó el {day}, así que el aviso ya no hacía "
        "falta.",
    },
    ProjectStatus.CANCELLED: {
        "en": "Closed by plazo: the project was cancelled on {day}, so the notice was not needed.",
        "es": "Cerrado por plazo: el proyecto se canceló el {day}, así que el aviso ya no hacía "
        "falta.",
    },
}

# The reason recorded on a draft closed because the client was told of a new date outside plazo.
TOLD_REASON: dict[str, str] = {
    "en": "Closed by plazo: on {day} you told the client yourself that the date moves to {new_on}, "
    "so the notice was not needed.",
    "es": "Cerrado por plazo: el {day} avisaste tú al cliente de que la fecha pasa al {new_on}, "
    "así que el aviso ya no hacía falta.",
}


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
    _close(case, reason, now)
    return case


def _close(case: DelayCase, reason: str, now: datetime) -> None:
    case.state = DelayCaseState.CANCELLED
    case.closed_at = now
    case.closed_reason = reason
    case.save(update_fields=["state", "closed_at", "closed_reason"])
    Message.objects.filter(delay_case=case, kind=MessageKind.OWNER_ALERT, state__in=_UNSENT).update(
        state=MessageState.CANCELLED,
        next_attempt_at=None,
        last_error="The draft delay case was closed before this alert went out.",
    )


@transaction.atomic
def close_drafts_of_ended_project(
    project: Project, status: str, *, day: date, now: datetime
) -> list[DelayCase]:
    """Close ``project``'s draft cases because it was delivered or cancelled on ``day``.

    Each is cancelled as a discard is, with a reason saying so (in the organisation's language)
    and its unsent owner alert withdrawn; nothing goes to the client. Approved cases are left:
    their notice is the client's already. Another status closes nothing.
    """
    reasons = ENDED_REASONS.get(status)
    if reasons is None:
        return []
    language = (
        Organisation.objects.filter(pk=project.organisation_id)
        .values_list("language", flat=True)
        .first()
    )
    reason = reasons.get(language or "en", reasons["en"]).format(day=day.isoformat())
    return _close_drafts(project, reason, now)


@transaction.atomic
def close_drafts_told_outside(
    project: Project, new_on: date, *, told_on: date, now: datetime
) -> list[DelayCase]:
    """Close ``project``'s draft cases because a person told the client, on ``told_on``, that
    the promise moves to ``new_on`` (the ledger has recorded it).

    The draft's notice would announce a date the client has not been given (or the one they
    already heard, a second time), from a promise that is no longer current: it is cancelled as
    a discard is, with the reason, and its unsent owner alert withdrawn. If the new promise is
    in danger too, the next forecast opens a case for it. Approved cases are left.
    """
    language = (
        Organisation.objects.filter(pk=project.organisation_id)
        .values_list("language", flat=True)
        .first()
    )
    template = TOLD_REASON.get(language or "en", TOLD_REASON["en"])
    reason = template.format(day=told_on.isoformat(), new_on=new_on.isoformat())
    return _close_drafts(project, reason, now)


def _close_drafts(project: Project, reason: str, now: datetime) -> list[DelayCase]:
    drafts = list(
        DelayCase.objects.select_for_update().filter(project=project, state=DelayCaseState.DRAFT)
    )
    for case in drafts:
        _close(case, reason, now)
    return drafts
