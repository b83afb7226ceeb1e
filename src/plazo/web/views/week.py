"""``/week/``: every update due this week, its preview and recipients; send now, hold or skip."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plazo.core.errors import PlazoError
from plazo.store.models import Message, Project
from plazo.store.services.checkins.preview import preview_message
from plazo.store.services.checkins.week import (
    DecisionRefused,
    UpdateChanged,
    decide_update,
    this_week,
    update_version,
)
from plazo.web.tenancy import OrganisationRequest, organisation_view

__all__ = ["week", "week_decide", "week_preview"]


def _project(request: OrganisationRequest, project_id: int) -> Project:
    projects = Project.objects.for_organisation(request.organisation).select_related(
        "client", "organisation"
    )
    return get_object_or_404(projects, pk=project_id)


@organisation_view
def week(request: OrganisationRequest) -> HttpResponse:
    """The list; ``?preview=<project id>`` opens one update's preview without JavaScript.

    Each preview carries the fingerprint of its words into *Send now*'s form: a text that
    changed since the page was opened is not sent (:class:`UpdateChanged`).
    """
    now = timezone.now()
    rows = this_week(request.organisation, now=now)
    wanted = request.GET.get("preview", "")
    previews: dict[int, tuple[str, str]] = {}
    for row in rows:
        if row.state == "replaced":
            continue  # the notice is the week's update; the withdrawn text would read as current
        if str(row.project.pk) == wanted or (row.message is not None):
            previews[row.project.pk] = _preview(row.project, row.message, now)
    entries = [(row, *previews.get(row.project.pk, ("", ""))) for row in rows]
    return render(request, "plazo/week.html", {"entries": entries, "nav": "week"})


def _preview(project: Project, message: Message | None, now: datetime) -> tuple[str, str]:
    """The text *Send now* would send, and its version ("" when there is nothing to send)."""
    if message is not None:
        return message.text, update_version(message.text)
    try:
        composed = preview_message(project, "weekly", now=now)
    except PlazoError:
        return _("No forecast yet: add estimated work items to the project first."), ""
    return composed.text, update_version(composed.text)


@organisation_view
def week_preview(request: OrganisationRequest, project_id: int) -> HttpResponse:
    """The update as the client would read it now (htmx loads it into the row)."""
    project = _project(request, project_id)
    text, version = _preview(project, None, timezone.now())
    if request.headers.get("HX-Request"):
        context = {"text": text, "version": version, "project_id": project.pk}
        return render(request, "plazo/_week_preview.html", context)
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
            seen_version=request.POST.get("version", ""),
        )
    except UpdateChanged:
        messages.warning(
            request,
            _(
                "%(project)s: the text you read is no longer what would be sent (the work or "
                "its forecast changed since it was written), so nothing was sent. Here is the "
                "new text: read it and send again."
            )
            % {"project": project.name},
        )
        return redirect(reverse("web:week") + f"?preview={project.pk}#w-{project.pk}")
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
