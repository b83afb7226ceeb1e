"""One project: timeline, forecast over time, promise ledger, message thread, work items."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plazo.core.regional import country_name
from plazo.store.models import Project
from plazo.store.services.access.status_pages import ensure_status_page, revoke_status_page
from plazo.store.services.pages.days_off import days_off_ahead
from plazo.store.services.pages.project import project_page
from plazo.web.charts import PHONE_WIDTH
from plazo.web.forms.places import region_choices
from plazo.web.tenancy import OrganisationRequest, organisation_view
from plazo.web.timeline import project_timeline

__all__ = ["create_status_link", "project_detail", "revoke_status_link"]


def _project(request: OrganisationRequest, project_id: int) -> Project:
    """The project, only if it is the current organisation's: anything else is a 404."""
    projects = Project.objects.for_organisation(request.organisation).select_related("client")
    return get_object_or_404(projects, pk=project_id)


@organisation_view
def project_detail(request: OrganisationRequest, project_id: int) -> HttpResponse:
    """The project page."""
    page = project_page(_project(request, project_id), now=timezone.now())
    chart = project_timeline(page.project, page.items, page.latest_forecast, today=page.today)
    phone_chart = project_timeline(
        page.project, page.items, page.latest_forecast, today=page.today, width=PHONE_WIDTH
    )
    link = None
    if page.status_page is not None:
        link = request.build_absolute_uri(reverse("web:status_page", args=[page.status_page.token]))
    language = (get_language() or "en").split("-")[0]
    forecast = page.latest_forecast
    days_off = days_off_ahead(
        page.project,
        today=page.today,
        language=language,
        finish_on=forecast.finish_p85_on if forecast else None,
    )
    return render(
        request,
        "plazo/project.html",
        {
            "page": page,
            "chart": chart,
            "phone_chart": phone_chart,
            "link": link,
            "days_off": days_off,
            "holiday_place": _holiday_place(page.project, language),
        },
    )


def _holiday_place(project: Project, language: str) -> str:
    """The project's holiday calendar by name: "Spain, Comunitat Valenciana (VC)"."""
    country = country_name(project.country, language) or project.country
    region = dict(region_choices(project.country)).get(project.subdivision, project.subdivision)
    return f"{country}, {region}" if region else country


@require_POST
@organisation_view
def create_status_link(request: OrganisationRequest, project_id: int) -> HttpResponse:
    """Give the project a client status page link (the live one if it has one)."""
    project = _project(request, project_id)
    ensure_status_page(project, now=timezone.now())
    messages.success(request, _("The client's status page link is ready to share."))
    return redirect("web:project", project_id=project.pk)


@require_POST
@organisation_view
def revoke_status_link(request: OrganisationRequest, project_id: int) -> HttpResponse:
    """Kill the project's status page link; whoever holds it now gets a 404."""
    project = _project(request, project_id)
    if revoke_status_page(project, now=timezone.now()) is not None:
        messages.success(request, _("The link was revoked; it no longer opens the page."))
    return redirect("web:project", project_id=project.pk)
