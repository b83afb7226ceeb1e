"""Render a project's message without storing or sending it: what the client would receive."""

from __future__ import annotations

from datetime import datetime

from plazo.core import compose
from plazo.core.errors import PlazoError
from plazo.store.models import DelayCase, Offer, Project, WorkItemStatus
from plazo.store.services.checkins.weekly import compose_weekly_update_for
from plazo.store.services.composing import inputs
from plazo.store.services.delays.cases import compose_notice_for
from plazo.store.services.work.snapshots import load_project_snapshot

__all__ = ["PREVIEW_KINDS", "PreviewUnavailable", "compose_delivered_for", "preview_message"]

PREVIEW_KINDS = ("weekly", "delay", "delivered")


class PreviewUnavailable(PlazoError):
    """The project lacks what this kind of message needs (a forecast, a delay case…)."""


def preview_message(
    project: Project, kind: str, *, now: datetime, language: str | None = None
) -> compose.Message:
    """Compose ``kind`` for ``project`` as it would go out at ``now`` (nothing is written)."""
    if kind == "weekly":
        return compose_weekly_update_for(project, now=now, language=language)
    if kind == "delay":
        return _delay(project, now, language)
    if kind == "delivered":
        return compose_delivered_for(project, now=now, language=language)
    raise PreviewUnavailable(f"unknown kind {kind!r}; use one of {', '.join(PREVIEW_KINDS)}")


def _delay(project: Project, now: datetime, language: str | None) -> compose.Message:
    case = DelayCase.objects.filter(project=project).order_by("-opened_at", "-pk").first()
    if case is None:
        raise PreviewUnavailable(f"{project.name} has no delay case; nothing to notify yet")
    new_on = case.chosen_on or case.recommended_on
    if new_on is None:
        raise PreviewUnavailable(f"the delay case of {project.name} has no new date yet")
    return compose_notice_for(case, new_on, now=now, language=language)


def compose_delivered_for(
    project: Project, *, now: datetime, language: str | None = None
) -> compose.Message:
    """The "delivered" note: thanks, the finished items, and how the last offer is applied."""
    items = load_project_snapshot(project).items
    done = sorted(
        (i for i in items if i.status == WorkItemStatus.DONE and i.removed_on is None),
        key=lambda i: (i.completed_on, i.pk),
    )
    offer = Offer.objects.filter(project=project).order_by("-offered_at").first()
    today = project.client_today(now)
    return compose.compose_delivered(
        inputs.organisation_input(project.organisation),
        inputs.client_input(project.client, language=language),
        inputs.contacts_input(project.client),
        inputs.project_input(project),
        [item.title for item in done],
        compose.Offer(offer.kind, offer.amount, offer.currency, offer.description)
        if offer
        else None,
        delivered_on=project.delivered_on or today,
        sent_at=now,
    )
