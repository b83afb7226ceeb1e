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
from plazo.store.services.delays.manual import CaseNotOpened
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
        changes.pop("promise_told_on", None)
        if "promised_on" in changes:
            told_on = values.get("promise_told_on")
            changes["promise_reason"] = values.get("promise_reason") or (
                "" if told_on else dashboard.EDITED_REASON
            )
            if told_on is not None:
                changes["promise_told_on"] = told_on
        before = project.forecasts.latest_run()
        try:
            refreshed = dashboard.edit_project(project, changes, now=timezone.now())
        except (RecordError, PromiseInPastError) as error:
            _refused(form, error)
        except CaseNotOpened as error:
            form.add_error("promised_on", _slip_refused(project, error))
        else:
            if refreshed.proposed is not None:
                return _to_the_notice(request, refreshed)
            messages.success(request, _("Project saved."))
            if changed & {"stake_on", "promised_on"}:
                _warn_if_stake_comes_first(request, refreshed.project)
            messages.info(request, forecast_sentence(refreshed, before=before))
            return redirect("web:project", project_id=project.pk)
    return render(request, "plazo/project_form.html", {"form": form, "project": project})


def _slip_refused(project: Project, error: CaseNotOpened) -> str:
    """Why a later date cannot go to a delay notice now, and what to do instead."""
    if error.code == "notice_on_its_way":
        return _(
            "A delay notice with its own new date is already approved and on its way to the "
            "client. Once it is sent, move the date again."
        )
    return _(
        "A later date is a delay the client must hear of, and this project is not active, so "
        "plazo cannot prepare the delay notice. If you told the client yourself, give the day "
        "you told them and why the date changes."
    )


def _to_the_notice(request: OrganisationRequest, refreshed: dashboard.Refreshed) -> HttpResponse:
    """A later date waits in the delay notice: say so, and open it for review."""
    case = refreshed.proposed
    assert case is not None
    assert case.chosen_on is not None
    project = refreshed.project
    messages.success(request, _("Project saved."))
    messages.warning(
        request,
        _(
            "The promise to the client is still %(promised_on)s: moving it to %(new_on)s is a "
            "delay, and the client must hear of it from you. The delay notice below has your "
            "date; complete it, then approve and send it, and the promise moves then. If you "
            "already told the client yourself, edit the project again and give the day you "
            "told them."
        )
        % {"promised_on": day(project.promised_on), "new_on": day(case.chosen_on)},
    )
    return redirect("web:delay_case", case_id=case.pk)


@organisation_view
def holiday_regions(request: OrganisationRequest) -> HttpResponse:
    """The region list's options for ``?country=XX`` (the project form's country list loads
    them with htmx when it changes, so the regions offered fit the country picked)."""
    regions = region_choices(request.GET.get("country", "")[:3])
    return render(request, "plazo/_region_options.html", {"regions": regions})
