"""``/projects/new/`` and ``/projects/<id>/edit/``: a project's terms, with Django forms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from plazo.core.ledger import PromiseInPastError
from plazo.store.models import Client, Project
from plazo.store.services.editing import dashboard
from plazo.store.services.work.records import RecordError
from plazo.web.forms.places import region_choices
from plazo.web.forms.projects import ProjectForm
from plazo.web.templatetags.plazo import day
from plazo.web.tenancy import OrganisationRequest, organisation_view
from plazo.web.views.refreshed import forecast_sentence

__all__ = ["holiday_regions", "project_edit", "project_new"]


def _project(request: OrganisationRequest, project_id: int) -> Project:
    projects = Project.objects.for_organisation(request.organisation).select_related("client")
    return get_object_or_404(projects, pk=project_id)


def _warn_if_stake_comes_first(request: OrganisationRequest, project: Project) -> None:
    """Say so when the client needs the work before the date promised to them.

    The stake's date is when the client counts on the work (DESIGN §4); a promise after it
    already fails them. It is allowed (after a slip a delay notice names exactly that, and says
    what can still be ready in time), but never silently.
    """
    stake_on, promised_on = project.stake_on, project.promised_on
    if stake_on is None or promised_on is None or stake_on >= promised_on:
        return
    messages.warning(
        request,
        _(
            "The client needs it on %(stake_on)s, before the promised date (%(promised_on)s): "
            "the promise already misses what they count on it for. Move the promise, or tell "
            "the client now what can be ready by then."
        )
        % {"stake_on": day(stake_on), "promised_on": day(promised_on)},
    )


def _refused(form: ProjectForm, error: Exception) -> None:
    if isinstance(error, RecordError):
        field = {"client_id": "client", "owner_id": "owner"}.get(error.field, error.field)
        form.add_error(field if field in form.fields else None, error.message)
    else:
        form.add_error("promised_on", str(error))


@organisation_view
def project_new(request: OrganisationRequest) -> HttpResponse:
    """A new project; the owner defaults to the person creating it."""
    org = request.organisation
    initial: dict[str, Any] = {
        "start_on": timezone.localdate(),
        "currency": org.currency,
        "country": org.country,
        "owner": request.user.pk,
        "client": request.GET.get("client", ""),
    }
    form = ProjectForm(request.POST or None, initial=initial, organisation=org)
    if not Client.objects.for_organisation(org).exists():
        messages.info(request, _("Add a client first: every project is for a client."))
        return redirect("web:client_new")
    if request.method == "POST" and form.is_valid():
        try:
            refreshed = dashboard.create_project(
                org, form.values(), now=timezone.now(), made_by=request.user
            )
        except (RecordError, PromiseInPastError) as error:
            _refused(form, error)
        else:
            messages.success(request, _("Project created. Now add its work items."))
            _warn_if_stake_comes_first(request, refreshed.project)
            if refreshed.forecast is not None:  # else the items page says there is none yet
                messages.info(request, forecast_sentence(refreshed, before=None))
            return redirect("web:project_items", project_id=refreshed.project.pk)
    return render(request, "plazo/project_form.html", {"form": form, "project": None})


@organisation_view
def project_edit(request: OrganisationRequest, project_id: int) -> HttpResponse:
    """Change a project's terms; a new promised date is recorded in the ledger."""
    project = _project(request, project_id)
    initial = {
        "client": project.client_id,
        "name": project.name,
        "start_on": project.start_on,
        "promised_on": project.promised_on,
        "stake": project.stake,
        "stake_on": project.stake_on,
        "capacity_hours_per_week": project.capacity_hours_per_week,
        "value": project.value,
        "currency": project.currency,
        "checkin_weekday": project.checkin_weekday,
        "checkin_hour": project.checkin_hour,
        "confidence_percent": round(project.confidence_target * 100),
        "forecast_mode": project.forecast_mode,
        "owner": project.owner_id,
        "country": project.country,
        "subdivision": project.subdivision,
        "status": project.status,
    }
    form = ProjectForm(
        request.POST or None, initial=initial, organisation=request.organisation, editing=True
    )
    if request.method == "POST" and form.is_valid():
        values = form.values()
        changed = {
            {
                "client": "client_id",
                "owner": "owner_id",
                "confidence_percent": "confidence_target",
            }.get(name, name)
            for name in form.changed_data
        }
        changes = {k: v for k, v in values.items() if k in changed}
        if "promised_on" in changes:
            changes["promise_reason"] = values.get("promise_reason") or dashboard.EDITED_REASON
        before = project.forecasts.latest_run()
        try:
            refreshed = dashboard.edit_project(project, changes, now=timezone.now())
        except (RecordError, PromiseInPastError) as error:
            _refused(form, error)
        else:
            messages.success(request, _("Project saved."))
            if changed & {"stake_on", "promised_on"}:
                _warn_if_stake_comes_first(request, refreshed.project)
            messages.info(request, forecast_sentence(refreshed, before=before))
            return redirect("web:project", project_id=project.pk)
    return render(request, "plazo/project_form.html", {"form": form, "project": project})


@organisation_view
def holiday_regions(request: OrganisationRequest) -> HttpResponse:
    """The region list's options for ``?country=XX`` (the project form's country list loads
    them with htmx when it changes, so the regions offered fit the country picked)."""
    regions = region_choices(request.GET.get("country", "")[:3])
    return render(request, "plazo/_region_options.html", {"regions": regions})
