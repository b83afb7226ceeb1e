"""``/week/``: every update due this week, its preview and recipients; send now, hold or skip."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plazo.core.errors import PlazoError
from plazo.store.models import Project
from plazo.store.services.checkins.preview import preview_message
from plazo.store.services.checkins.week import DecisionRefused, decide_update, this_week
from plazo.web.tenancy import OrganisationRequest, organisation_view

__all__ = ["week", "week_decide", "week_preview"]


def _project(request: OrganisationRequest, project_id: int) -> Project:
    projects = Project.objects.for_organisation(request.organisation).select_related(
        "client", "organisation"
    )
    return get_object_or_404(projects, pk=project_id)


@organisation_view
def week(request: OrganisationRequest) -> HttpResponse:
    """The list; ``?preview=<project id>`` opens one update's preview without JavaScript."""
    now = timezone.now()
    rows = this_week(request.organisation, now=now)
    wanted = request.GET.get("preview", "")
    previews = {}
    for row in rows:
        if row.state == "replaced":
            continue  # the notice is the week's update; the withdrawn text would read as current
        if str(row.project.pk) == wanted or (row.message is not None):
            previews[row.project.pk] = _preview_text(row.project, row.message, now)
    entries = [(row, previews.get(row.project.pk, "")) for row in rows]
    return render(request, "plazo/week.html", {"entries": entries, "nav": "week"})


def _preview_text(project: Project, message: object, now: object) -> str:
    if message is not None:
        return str(message.text)  # type: ignore[attr-defined]
    try:
        return preview_message(project, "weekly", now=now).text  # type: ignore[arg-type]
    except PlazoError:
        return _("No forecast yet: add estimated work items to the project first.")


@organisation_view
def week_preview(request: OrganisationRequest, project_id: int) -> HttpResponse:
    """The update as the client would read it now (htmx loads it into the row)."""
    project = _project(request, project_id)
    text = _preview_text(project, None, timezone.now())
    if request.headers.get("HX-Request"):
        return render(request, "plazo/_week_preview.html", {"text": text})
    return redirect(reverse("web:week") + f"?preview={project.pk}")


@require_POST
@organisation_view
def week_decide(request: OrganisationRequest, project_id: int) -> HttpResponse:
    """Send now, hold or skip (with a reason) this week's update."""
    project = _project(request, project_id)
    decision = request.POST.get("decision", "")
    try:
        row = decide_update(
            project,
            decision,
            now=timezone.now(),
            by=request.user,
            reason=request.POST.get("reason", ""),
        )
    except DecisionRefused as error:
        messages.error(request, f"{project.name}: {error}")
    else:
        done = {
            "queued": _("queued in the outbox; the worker sends it at its next pass"),
            "held": _("held: nothing goes out until you send it"),
            "skipped": _("skipped this week"),
        }.get(row.state, row.state)
        messages.success(request, f"{project.name}: {done}.")
    return redirect("web:week")
