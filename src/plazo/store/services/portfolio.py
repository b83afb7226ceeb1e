"""Read model of the portfolio: one row per active project with its progress numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from plazo.store.models import Organisation, Project, ProjectStatus, WorkItemStatus

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

    @property
    def done_share(self) -> float:
        """Share of the in-scope estimated effort that is done (0 when nothing is estimated)."""
        total = self.remaining_hours + self.done_hours
        return float(self.done_hours / total) if total else 0.0


def portfolio_rows(organisation: Organisation) -> list[ProjectRow]:
    """Active projects of ``organisation``, soonest promise first, in one query."""
    in_scope = Q(work_items__removed_on__isnull=True)
    done = in_scope & Q(work_items__status=WorkItemStatus.DONE)
    projects = (
        Project.objects.for_organisation(organisation)
        .filter(status=ProjectStatus.ACTIVE)
        .select_related("client")
        .annotate(
            done_hours=Coalesce(Sum("work_items__estimate_hours", filter=done), ZERO),
            remaining_hours=Coalesce(
                Sum("work_items__estimate_hours", filter=in_scope & ~done), ZERO
            ),
        )
        .order_by("promised_on", "name")
    )
    return [
        ProjectRow(
            project_id=p.pk,
            client=p.client.name,
            project=p.name,
            promised_on=p.promised_on,
            stake=p.stake,
            stake_on=p.stake_on,
            remaining_hours=p.remaining_hours,
            done_hours=p.done_hours,
        )
        for p in projects
    ]
