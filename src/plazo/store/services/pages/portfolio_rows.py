"""Read model of the portfolio: one row per active project with its progress and forecast."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from plazo.core.health import Health, assess_health
from plazo.store.models import Forecast, Organisation, Project, ProjectStatus, WorkItemStatus
from plazo.store.services.pages.portfolio import forecast_says_anything

__all__ = ["ProjectRow", "portfolio_rows"]

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=12, decimal_places=2))


@dataclass(frozen=True)
class ProjectRow:
    """What the portfolio shows of one project."""

    project_id: int
    client: str
    project: str
    promised_on: date | None
    stake: str
    stake_on: date | None
    remaining_hours: Decimal
    done_hours: Decimal
    finish_p85_on: date | None = None
    p_on_time: float | None = None
    health: Health | None = None

    @property
    def done_share(self) -> float:
        """Share of the in-scope estimated effort that is done (0 when nothing is estimated)."""
        total = self.remaining_hours + self.done_hours
        return float(self.done_hours / total) if total else 0.0


def portfolio_rows(organisation: Organisation, *, today: date) -> list[ProjectRow]:
    """Active projects of ``organisation``, soonest promise first, in one query."""
    in_scope = Q(work_items__removed_on__isnull=True)
    done = in_scope & Q(work_items__status=WorkItemStatus.DONE)
    latest = Forecast.objects.filter(project=OuterRef("pk")).newest_first()
    projects = (
        Project.objects.for_organisation(organisation)
        .filter(status=ProjectStatus.ACTIVE)
        .select_related("client")
        .annotate(
            done_hours=Coalesce(Sum("work_items__estimate_hours", filter=done), ZERO),
            remaining_hours=Coalesce(
                Sum("work_items__estimate_hours", filter=in_scope & ~done), ZERO
            ),
            p85=Subquery(latest.values("finish_p85_on")[:1]),
            p_on_time=Subquery(latest.values("p_on_time")[:1]),
            items=Count("work_items", filter=in_scope),
            open_items=Count("work_items", filter=in_scope & ~done),
        )
        .order_by("promised_on", "name")
    )
    return [_row(p, today) for p in projects]


def _row(p: Project, today: date) -> ProjectRow:
    applies = forecast_says_anything(
        has_work=p.items > 0,  # type: ignore[attr-defined]
        work_finished=p.open_items == 0,  # type: ignore[attr-defined]
        status=p.status,
    )
    p85 = p.p85 if applies else None  # type: ignore[attr-defined]
    p_on_time = p.p_on_time if applies else None  # type: ignore[attr-defined]
    health = None
    if p.promised_on is not None and p_on_time is not None:
        health = assess_health(
            today=today,
            promised_on=p.promised_on,
            p_on_time=p_on_time,
            finish_p85_on=p85,
            risk_threshold=float(p.risk_threshold),
            pace_measured=p.items > p.open_items,  # type: ignore[attr-defined]
        )
    return ProjectRow(
        project_id=p.pk,
        client=p.client.name,
        project=p.name,
        promised_on=p.promised_on,
        stake=p.stake,
        stake_on=p.stake_on,
        remaining_hours=p.remaining_hours,  # type: ignore[attr-defined]
        done_hours=p.done_hours,  # type: ignore[attr-defined]
        finish_p85_on=p85,
        p_on_time=p_on_time,
        health=health,
    )
