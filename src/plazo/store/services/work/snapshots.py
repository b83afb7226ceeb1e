"""One read of what a project's use cases need: the project, all its work items, its latest
forecast (saleor's ``fetch`` pattern).

The forecaster, the check-ins, the composer's inputs, finish chances, the delay watch and the
project pages all take a :class:`ProjectSnapshot` and read nothing of their own about the
project's work, so there is one way to read it and no in-memory twin of a query to keep equal.
:func:`load_project_snapshots` reads any number of projects in a fixed number of queries (four
per 500 projects); :func:`iter_project_snapshots` does it a hundred at a time for long passes;
:func:`load_project_snapshot` is the one-project convenience (two queries, for the project the
caller holds).

It lives with the work (``work/``) because that is what it reads; forecasting, check-ins,
delays and pages sit above it and import it, and it imports no other service.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.db.models import OuterRef, Q, Subquery

from plazo.store.models import Forecast, Project, WorkItem, WorkItemStatus

__all__ = [
    "IN_SCOPE",
    "ProjectSnapshot",
    "iter_project_snapshots",
    "load_project_snapshot",
    "load_project_snapshots",
]

# A work item in scope (a lookup on WorkItem): what ``ProjectSnapshot.has_work`` counts.
IN_SCOPE = Q(removed_on__isnull=True)
_CHUNK = 500  # ids per IN list: far below any database's limit on parameters
AT_ONCE = 100  # snapshots a pass over many projects holds in memory
# Each item and forecast points at the project instance read with it: no query to reach it.
_WORK_ITEM_PROJECT = WorkItem._meta.get_field("project")
_FORECAST_PROJECT = Forecast._meta.get_field("project")


@dataclass(frozen=True)
class ProjectSnapshot:
    """A project as read at one moment; its consumers compute from it and never query it again.

    ``project`` comes with its client (and the client's contacts), organisation and owner
    joined (from :func:`load_project_snapshots`; :func:`load_project_snapshot` keeps the
    caller's instance); ``items`` are all its work items, done and removed included, in plan order
    (position, then id); ``latest_forecast`` is the newest run
    (``Forecast.objects.newest_first``), or None when it was never forecast.
    """

    project: Project
    items: tuple[WorkItem, ...]
    latest_forecast: Forecast | None

    @property
    def has_work(self) -> bool:
        """Whether any work item is in scope (done or not): without one there is nothing to
        forecast. The portfolio's query says the same with :data:`IN_SCOPE`."""
        return any(item.removed_on is None for item in self.items)

    @property
    def pace_measured(self) -> bool:
        """Whether a task in scope is done: before one is, the forecast knows no pace of this
        project, only its estimates and capacity (``plazo.core.health.assess_health``). The
        portfolio's query says the same with ``work_done``."""
        return any(
            item.removed_on is None and item.status == WorkItemStatus.DONE for item in self.items
        )


def load_project_snapshots(project_ids: Iterable[int]) -> dict[int, ProjectSnapshot]:
    """The snapshot of each of these projects, by id; unknown ids are left out.

    Four queries per 500 projects, however many items and forecasts they hold:

    1. the projects, with client, organisation and owner joined;
    2. the clients' contacts (prefetched: the check-in's composer names them);
    3. every work item of the projects, in plan order;
    4. the newest forecast of each, chosen in the database by the one definition of "latest".
    """
    ids = sorted(set(project_ids))
    snapshots: dict[int, ProjectSnapshot] = {}
    for start in range(0, len(ids), _CHUNK):
        snapshots.update(_load_chunk(ids[start : start + _CHUNK]))
    return snapshots


def iter_project_snapshots(project_ids: Sequence[int]) -> Iterator[ProjectSnapshot]:
    """The snapshots of these projects in this order, loaded :data:`AT_ONCE` at a time: a pass
    over thousands of projects makes four queries per hundred and never holds all their work
    items at once. Unknown ids are left out."""
    for start in range(0, len(project_ids), AT_ONCE):
        chunk = project_ids[start : start + AT_ONCE]
        snapshots = load_project_snapshots(chunk)
        yield from (snapshots[pk] for pk in chunk if pk in snapshots)


def load_project_snapshot(project: Project) -> ProjectSnapshot:
    """The snapshot of the one project the caller holds: its work items and latest forecast are
    read (two queries); the project is taken as it is, with whatever the caller joined to it."""
    return _snapshots_of([project])[project.pk]


def _load_chunk(ids: list[int]) -> dict[int, ProjectSnapshot]:
    projects = list(
        Project.objects.filter(pk__in=ids)
        .select_related("client", "organisation", "owner")
        .prefetch_related("client__contacts")
    )
    return _snapshots_of(projects) if projects else {}


def _snapshots_of(projects: list[Project]) -> dict[int, ProjectSnapshot]:
    """The projects' snapshots: their work items and latest forecasts in two queries."""
    ids = [project.pk for project in projects]
    by_id = {project.pk: project for project in projects}
    items: dict[int, list[WorkItem]] = {pk: [] for pk in by_id}
    for item in WorkItem.objects.filter(project_id__in=ids).order_by(
        "project_id", "position", "pk"
    ):
        _WORK_ITEM_PROJECT.set_cached_value(item, by_id[item.project_id])
        items[item.project_id].append(item)
    latest = {}
    for forecast in _latest_runs(ids):
        _FORECAST_PROJECT.set_cached_value(forecast, by_id[forecast.project_id])
        latest[forecast.project_id] = forecast
    return {
        project.pk: ProjectSnapshot(project, tuple(items[project.pk]), latest.get(project.pk))
        for project in projects
    }


def _latest_runs(ids: list[int]) -> list[Forecast]:
    """The newest forecast of each project that has one, in one query (``newest_first``)."""
    if len(ids) == 1:  # one project (a page, a review): the plain query costs half to build
        run = Forecast.objects.filter(project_id=ids[0]).latest_run()
        return [] if run is None else [run]
    newest = Forecast.objects.filter(project=OuterRef("pk")).newest_first().values("pk")[:1]
    latest_ids = Project.objects.filter(pk__in=ids).annotate(latest=Subquery(newest))
    return list(Forecast.objects.filter(pk__in=latest_ids.values("latest")))
