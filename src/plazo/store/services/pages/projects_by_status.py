"""The projects the portfolio leaves out (paused, delivered, cancelled), to find them again."""

from __future__ import annotations

from django.db.models import Count, F

from plazo.store.models import Organisation, Project, ProjectStatus

__all__ = ["OTHER_STATUSES", "projects_in_status", "status_counts"]

# The portfolio's own table is the active projects; these each get a plain list.
OTHER_STATUSES = (ProjectStatus.PAUSED, ProjectStatus.DELIVERED, ProjectStatus.CANCELLED)


def status_counts(organisation: Organisation) -> dict[str, int]:
    """How many of the organisation's projects are in each status (one query); 0 for none."""
    rows = (
        Project.objects.for_organisation(organisation)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
    )
    counts = dict.fromkeys(ProjectStatus.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def projects_in_status(organisation: Organisation, status: str) -> list[Project]:
    """The organisation's projects in ``status``, most recently delivered (or started) first."""
    return list(
        Project.objects.for_organisation(organisation)
        .filter(status=status)
        .select_related("client")
        .order_by(F("delivered_on").desc(nulls_last=True), "-start_on", "name")
    )
