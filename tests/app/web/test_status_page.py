"""The client's status page: no login, one project only, the client's language, never indexed."""

from __future__ import annotations

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.test import Client as HttpClient
from django.utils import timezone

from plazo.store.models import StatusPage
from plazo.store.services.access.status_pages import ensure_status_page, revoke_status_page
from plazo.web import ratelimit
from plazo.web.views.status import REQUESTS_PER_MINUTE
from tests.app.factories import make_client, make_item, make_org, make_project
from tests.app.web.helpers import browser_for, make_forecast, promise, send

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> None:
    cache.clear()


def _page(language: str = "es", **project_fields: object) -> tuple[StatusPage, object]:
    org = make_org()
    project = make_project(org, make_client(org, language=language), **project_fields)
    make_item(project, status="done", completed_on=project.start_on + timedelta(days=2))
    promise(project, timezone.localdate() + timedelta(days=30))
    make_forecast(project)
    return ensure_status_page(project, now=timezone.now()), project


def test_it_opens_without_a_login_and_is_never_indexed() -> None:
    page, project = _page(name="Portal del inversor")
    send(project, subject="Avance de la semana 48", text="Terminamos la portada.")

    response = HttpClient().get(f"/s/{page.token}/")

    body = response.content.decode()
    assert response.status_code == 200
    assert response["X-Robots-Tag"].startswith("noindex")
    assert '<meta name="robots" content="noindex' in body
    assert "Portal del inversor" in body
    assert "Terminamos la portada." in body
    assert "<svg" in body


def test_it_speaks_the_clients_language_whatever_the_browser_says() -> None:
    spanish, _ = _page("es")
    english, _ = _page("en")
    browser = HttpClient()

    es = browser.get(f"/s/{spanish.token}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    en = browser.get(f"/s/{english.token}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert "Fechas prometidas" in es
    assert '<html lang="es">' in es
    assert "Promised dates" in en
    assert '<html lang="en">' in en


def test_a_revoked_link_is_not_found_and_looks_like_an_unknown_one() -> None:
    page, project = _page()
    revoke_status_page(project, now=timezone.now())
    revoked = HttpClient().get(f"/s/{page.token}/")
    unknown = HttpClient().get("/s/" + "A" * 43 + "/")
    assert revoked.status_code == 404
    assert revoked["X-Robots-Tag"].startswith("noindex")
    assert revoked.content == unknown.content


def test_an_unknown_token_is_not_found() -> None:
    assert HttpClient().get("/s/not-a-token/").status_code == 404
    assert HttpClient().get("/s/" + "x" * 80 + "/").status_code == 404


def test_too_many_requests_from_one_address_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # one fixed window: a loop that crossed a minute's edge would start a new count (flaky)
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 1_800_000_010.0))
    page, _ = _page()
    browser = HttpClient(REMOTE_ADDR="203.0.113.9")
    for _ in range(REQUESTS_PER_MINUTE):
        assert browser.get(f"/s/{page.token}/").status_code == 200
    refused = browser.get(f"/s/{page.token}/")
    other = HttpClient(REMOTE_ADDR="203.0.113.10").get(f"/s/{page.token}/")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert other.status_code == 200


def test_nothing_of_other_projects_or_internal_mail_shows() -> None:
    page, project = _page()
    sibling = make_project(project.organisation, project.client, name="Proyecto hermano")
    send(sibling, subject="Avance del hermano")
    send(project, kind="owner_alert", subject="Alerta interna")
    send(project, subject="Borrador sin enviar", state="draft", sent_at=None)

    body = HttpClient().get(f"/s/{page.token}/").content.decode()

    assert "Proyecto hermano" not in body
    assert "Avance del hermano" not in body
    assert "Alerta interna" not in body
    assert "Borrador sin enviar" not in body
    assert "/projects/" not in body
    assert "/outbox/" not in body


def test_ensure_returns_the_live_link_and_a_new_one_after_revoking() -> None:
    page, project = _page()
    now = timezone.now()
    assert ensure_status_page(project, now=now).pk == page.pk
    revoke_status_page(project, now=now)
    fresh = ensure_status_page(project, now=now)
    assert fresh.pk != page.pk
    assert len(fresh.token) >= 43  # 256 random bits, URL-safe


def test_the_owner_creates_and_revokes_the_link_from_the_project_page() -> None:
    org = make_org()
    project = make_project(org)
    browser, _ = browser_for(org)

    browser.post(f"/projects/{project.pk}/status-link/")
    live = StatusPage.objects.get(project=project, revoked_at=None)
    shown = browser.get(f"/projects/{project.pk}/").content.decode()
    browser.post(f"/projects/{project.pk}/status-link/revoke/")

    assert f"/s/{live.token}/" in shown
    assert not StatusPage.objects.filter(project=project, revoked_at=None).exists()
    assert HttpClient().get(f"/s/{live.token}/").status_code == 404


def test_the_chart_coordinates_keep_decimal_points_in_spanish() -> None:
    # Spanish writes 264,0; an SVG attribute must stay 264.0 or the chart falls apart.
    page, _ = _page("es")
    body = HttpClient().get(f"/s/{page.token}/").content.decode()
    svg = body[body.index("<svg") : body.index("</svg>")]
    assert re.search(r'\b(?:x|y|x1|x2|y1|y2)="[^"]*,', svg) is None
    points = re.findall(r'points="([^"]*)"', svg)
    assert points
    assert all(re.fullmatch(r"(\d+\.\d,\d+\.\d ?)+", p) for p in points)


@pytest.mark.parametrize(
    ("language", "link"), [("en", "Show all updates (7)"), ("es", "Ver todos los avances (7)")]
)
def test_the_latest_five_updates_link_to_every_update(language: str, link: str) -> None:
    page, project = _page(language)
    for week in range(7):
        send(
            project,
            subject=f"Update of week {week}",
            sent_at=timezone.now() - timedelta(days=7 * (7 - week)),
        )
    browser = HttpClient()
    latest = browser.get(f"/s/{page.token}/").content.decode()
    assert latest.count("Update of week") == 5
    assert "Update of week 0<" not in latest  # the oldest two wait behind the link
    assert link in latest
    assert 'href="?updates=all#h-updates"' in latest
    every = browser.get(f"/s/{page.token}/?updates=all").content.decode()
    assert every.count("Update of week") == 7
    assert link not in every


def test_five_updates_or_fewer_offer_no_link() -> None:
    page, project = _page("en")
    for week in range(5):
        send(project, subject=f"Update of week {week}")
    latest = HttpClient().get(f"/s/{page.token}/").content.decode()
    assert latest.count("Update of week") == 5
    assert 'data-testid="all-updates"' not in latest
