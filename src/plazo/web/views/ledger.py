"""The promise ledger's metrics page: on-time rate, re-slips, notice lead, compensation."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from plazo.core.calendar import local_day
from plazo.store.services.pages.ledger import ledger_page
from plazo.web.ledger_charts import ledger_charts
from plazo.web.ledger_filters import PERIODS, read_filter
from plazo.web.tenancy import OrganisationRequest, organisation_view

__all__ = ["PERIOD_LABELS", "ledger"]

PERIOD_LABELS: dict[str, Promise] = {
    "this_quarter": _("This quarter"),
    "last_quarter": _("Last quarter"),
    "this_year": _("This year"),
    "last_12_months": _("Last 12 months"),
    "custom": _("Custom dates"),
}


@organisation_view
def ledger(request: OrganisationRequest) -> HttpResponse:
    """The ledger page, or only its content when HTMX asks for a partial refresh."""
    today = local_day(timezone.now(), request.organisation.time_zone)  # the studio's own date
    wanted = read_filter(request.GET, today=today)
    page = ledger_page(
        request.organisation,
        since=wanted.since,
        until=wanted.until,
        today=today,
        client_id=wanted.client_id,
        page_number=request.GET.get("page"),
    )
    partial = bool(request.headers.get("HX-Request"))
    context = {
        "page": page,
        "charts": ledger_charts(page),
        "wanted": wanted,
        "periods": [(period, PERIOD_LABELS[period]) for period in PERIODS],
        "nav": "ledger",
        # The per-client links keep the period; built once, not once per row.
        "period_query": urlencode(
            {
                "period": wanted.period,
                "from": wanted.since.isoformat(),
                "to": wanted.until.isoformat(),
            }
        ),
        "page_links": _page_links(page.promise_page),
        # One reverse for the page instead of one per row: the links differ only by the id.
        "project_url": reverse("web:project", args=[0]).removesuffix("0/"),
    }
    template = "plazo/_ledger_content.html" if partial else "plazo/ledger.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])  # a cache must not serve the content as the page
    return response


def _page_links(page: Page[Any] | None) -> list[int | str]:
    """The page numbers to link around the current one (``…`` where some are left out)."""
    if page is None or page.paginator.num_pages < 2:
        return []
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
