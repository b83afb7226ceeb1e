"""What the organisation's policy would offer for a slip: the policy page's "what if" tool.

The decision is :func:`plazo.core.policy.decide`, the one behind ``plazo policy explain`` and every
delay notice; this module only says what the slip is, from a project's own facts
(:func:`~plazo.store.services.delays.draft.project_situation`, as a notice's pricing does) or from
the numbers a person typed. It writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from plazo.core.errors import PlazoError
from plazo.core.policy import Cause, Decision, Situation, decide
from plazo.store.models import Organisation, Project
from plazo.store.services.delays.draft import project_promise_history, project_situation
from plazo.store.services.delays.policy import organisation_policy

__all__ = ["OfferPreview", "OfferPreviewError", "SlipQuestion", "preview_offer"]


class OfferPreviewError(PlazoError):
    """The question cannot be priced (no value to price it on, another organisation's project)."""


@dataclass(frozen=True)
class SlipQuestion:
    """A slip to price: its size, and a project or the value of one.

    Left as None, the earlier slips, the value and the notice lead are the project's own: its
    promises after the first, its value, and the working days from the client's today to its
    promise (unknown without one). Without a project there are no earlier slips and the lead is
    unknown.
    """

    slip_working_days: int
    project: Project | None = None
    earlier_slips: int | None = None
    value: Decimal | None = None
    cause: Cause | str = Cause.OURS
    notice_lead_working_days: int | None = None


@dataclass(frozen=True)
class OfferPreview:
    """The slip as the policy saw it, and what it decided."""

    situation: Situation
    decision: Decision


def preview_offer(
    organisation: Organisation, question: SlipQuestion, *, now: datetime, lang: str
) -> OfferPreview:
    """Decide what ``organisation``'s policy offers for ``question``, explained in ``lang``."""
    situation = _situation(organisation, question, now=now)
    return OfferPreview(situation, decide(organisation_policy(organisation), situation, lang=lang))


def _situation(organisation: Organisation, question: SlipQuestion, *, now: datetime) -> Situation:
    project = question.project
    if project is None:
        if question.value is None:
            raise OfferPreviewError("give the project's value, or pick a project")
        return Situation(
            slip_working_days=question.slip_working_days,
            planned_working_days=None,
            value=question.value,
            currency=organisation.currency,
            repeat=question.earlier_slips or 0,
            cause=question.cause,
            notice_lead_working_days=question.notice_lead_working_days,
        )
    if project.organisation_id != organisation.pk:
        raise OfferPreviewError(f"no project {project.pk} in this organisation")
    today = project.client_today(now)
    situation = project_situation(
        project,
        project_promise_history(project, before=now),
        slip_working_days=question.slip_working_days,
        previous_promised_on=project.promised_on or today,
        today=today,
        cause=question.cause,
    )
    overrides: dict[str, object] = {}
    if project.promised_on is None:  # nothing promised: no deadline to give notice before
        overrides["notice_lead_working_days"] = None
    if question.earlier_slips is not None:
        overrides["repeat"] = question.earlier_slips
    if question.value is not None:
        overrides["value"] = question.value
    if question.notice_lead_working_days is not None:
        overrides["notice_lead_working_days"] = question.notice_lead_working_days
    return replace(situation, **overrides)  # type: ignore[arg-type]
