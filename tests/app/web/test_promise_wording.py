"""A replaced promise reads as replaced, in the same words on every page that lists promises."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from plazo.store.services.access.status_pages import ensure_status_page
from tests.app.factories import make_org, make_project
from tests.app.web.helpers import browser_for, promise

pytestmark = pytest.mark.django_db


def _outcomes(page: str) -> list[str]:
    cells = re.findall(r'<td data-label="[^"]*" class="standing (\w+)">(.*?)</td>', page, re.S)
    return [f"{kind}: {' '.join(text.split())}" for kind, text in cells]


def _replaced_project():
    org = make_org()
    project = make_project(org)
    now = timezone.now()
    # Promised 40 days ago for 20 days from now; replaced today by a date 34 days from now.
    promise(project, timezone.localdate() + timedelta(days=20), made_at=now - timedelta(days=40))
    promise(project, timezone.localdate() + timedelta(days=34), made_at=now)
    return org, project


def test_the_project_page_says_the_old_promise_was_replaced_not_pending() -> None:
    org, project = _replaced_project()
    page = browser_for(org)[0].get(f"/projects/{project.pk}/").content.decode()

    outcomes = _outcomes(page)
    assert len(outcomes) == 2
    assert outcomes[0].startswith("replaced: replaced on ")
    # the helper records the later date as told to the client that day, outside plazo
    assert re.search(
        r"by a new date, 1[2-6] working days' notice · told outside plazo$", outcomes[0]
    )
    assert outcomes[1] == "pending: pending"


def test_the_status_page_and_the_ledger_use_the_same_words() -> None:
    org, project = _replaced_project()
    browser = browser_for(org)[0]
    owner_page = _outcomes(browser.get(f"/projects/{project.pk}/").content.decode())
    token = ensure_status_page(project, now=timezone.now())
    client_page = _outcomes(browser.get(f"/s/{token.token}/").content.decode())
    ledger = _outcomes(browser.get("/ledger/").content.decode())

    assert client_page == owner_page
    assert owner_page[0] in ledger


def test_the_spanish_status_page_says_sustituida() -> None:
    org, project = _replaced_project()
    project.client.language = "es"
    project.client.save()
    token = ensure_status_page(project, now=timezone.now())
    page = browser_for(org)[0].get(f"/s/{token.token}/").content.decode()

    outcome = _outcomes(page)[0]
    assert outcome.startswith("replaced: sustituida el ")
    assert "por una nueva fecha, con" in outcome
    assert "días hábiles de antelación" in outcome
    assert "pendiente" not in outcome


def test_a_promise_moved_earlier_is_brought_forward_and_no_slip_in_the_ledger() -> None:
    org = make_org()
    project = make_project(org)
    now = timezone.now()
    promise(project, timezone.localdate() + timedelta(days=60), made_at=now - timedelta(days=2))
    promise(project, timezone.localdate() + timedelta(days=10), made_at=now)  # the client asked
    browser = browser_for(org)[0]

    outcomes = _outcomes(browser.get(f"/projects/{project.pk}/").content.decode())
    ledger = browser.get("/ledger/?period=last_12_months").content.decode()

    assert outcomes[0].startswith("replaced: brought forward on ")
    assert outcomes[0].endswith("to an earlier date")
    assert "0 of 1 project slipped twice or more" in ledger
    assert "no replaced deadline in the period" in ledger  # no notice lead from it
