"""The client's status page: no login, one project, in the client's language, never indexed."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache

from plazo.store.services.composing.inputs import client_locale
from plazo.store.services.pages.project import client_status
from plazo.web import reading_locale
from plazo.web.charts import PHONE_WIDTH, WIDTH
from plazo.web.ratelimit import allow
from plazo.web.timeline import project_timeline

__all__ = ["REQUESTS_PER_MINUTE", "status_page"]

REQUESTS_PER_MINUTE = 60


@never_cache
def status_page(request: HttpRequest, token: str) -> HttpResponse:
    """The status page behind ``token``; unknown or revoked tokens are a plain 404.

    It lists the latest updates; ``?updates=all`` lists every one the client received.
    """
    if not allow(request, scope="status", limit=REQUESTS_PER_MINUTE):
        response = HttpResponse("Too many requests; try again in a minute.", status=429)
        response["Retry-After"] = "60"
        return _noindex(response)
    every_update = request.GET.get("updates") == "all"
    status = client_status(token, now=timezone.now(), every_update=every_update)
    if status is None:
        # Unknown and revoked links look the same, so a guess learns nothing.
        return _noindex(render(request, "plazo/status_gone.html", status=404))
    client = status.project.client
    # The client's language, time zone and way of writing dates: the e-mails' (client_locale).
    with (
        translation.override(client.language),
        timezone.override(client.time_zone),
        reading_locale.override(client_locale(client)),
    ):
        charts = {
            name: project_timeline(
                status.project,
                status.items,
                status.latest_forecast,
                today=status.today,
                for_client=True,
                width=width,
            )
            for name, width in (("chart", WIDTH), ("phone_chart", PHONE_WIDTH))
        }
        response = render(request, "plazo/status_page.html", {"status": status, **charts})
    response["Content-Language"] = client.language
    return _noindex(response)


def _noindex(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"  # the token is in the URL: never leak it onwards
    return response
