"""The portfolio: every active project, the ones that need action today first."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from plazo.core.health import Health
from plazo.store.services.pages.portfolio import (
    NO_FORECAST,
    SORT_KEYS,
    Action,
    PortfolioFilter,
    dashboard_portfolio,
)
from plazo.store.services.pages.projects_by_status import (
    OTHER_STATUSES,
    projects_in_status,
    status_counts,
)
from plazo.web.tenancy import OrganisationRequest, organisation_view

__all__ = ["portfolio"]

PAGE_SIZE = 200  # the most urgent come first; nobody reads 2,000 rows at once
HEALTH_VALUES = {h.value for h in Health} | {NO_FORECAST}


def _wanted(request: OrganisationRequest) -> PortfolioFilter:
    """Read the filters from the query string, ignoring what is not understood."""
    query = request.GET
    health = query.get("health", "")
    client = query.get("client", "")
    sort = query.get("sort", "action")
    return PortfolioFilter(
        health=health if health in HEALTH_VALUES else "",
        client_id=int(client) if client.isdigit() else None,
        search=query.get("q", "").strip()[:100],
        sort=sort if sort.lstrip("-") in SORT_KEYS else "action",
    )


@organisation_view
def portfolio(request: OrganisationRequest) -> HttpResponse:
    """The portfolio page, or only its table when HTMX asks for a partial refresh.

    ``?status=paused|delivered|cancelled`` lists those projects instead of the active ones.
    """
    status = request.GET.get("status", "")
    if status in OTHER_STATUSES:
        return render(
            request,
            "plazo/projects_by_status.html",
            {
                "nav": "portfolio",
                "status": status,
                "counts": status_counts(request.organisation),
                "projects": projects_in_status(request.organisation, status),
            },
        )
    wanted = _wanted(request)
    result = dashboard_portfolio(request.organisation, now=timezone.now(), wanted=wanted)
    partial = bool(request.headers.get("HX-Request"))
    page = Paginator(result.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "portfolio": result,
        "page": page,
        "wanted": wanted,
        "health_values": sorted(HEALTH_VALUES),
        "nav": "portfolio",
        "partial": partial,
        # Nothing shown because of a filter, or because there is nothing yet (the first run).
        "filtered": wanted != PortfolioFilter(sort=wanted.sort),
        # One reverse per page instead of one per row: the links differ only by the id.
        "project_url": reverse("web:project", args=[0]).removesuffix("0/"),
        "case_url": reverse("web:delay_case", args=[0]).removesuffix("0/"),
        "case_actions": (Action.REVIEW_NOTICE, Action.RECOVERED),  # steps taken on the case page
    }
    if not partial:
        context["counts"] = status_counts(request.organisation)
        context["status"] = "active"
    template = "plazo/_portfolio_table.html" if partial else "plazo/portfolio.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])  # a cache must not serve the table as the page
    return response
