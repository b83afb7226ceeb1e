"""W6: a project's first promise reads as a promise, not as a change to nothing; a later one
says which date it replaced, and every row says who heard it (the client when nobody was named)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.app.factories import make_client, make_item, make_org, make_project
from tests.app.web.helpers import browser_for, promise

pytestmark = pytest.mark.django_db
FIRST = date(2027, 1, 29)


def _ledger_rows(body: str) -> list[str]:
    ledger = body.split('id="h-ledger"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr[^>]*>.*?</tr>", ledger.split("<tbody>", 1)[1], flags=re.S)


def _project(language: str = "en") -> object:
    org = make_org(country="GB", language=language)
    client = make_client(org, name="Heritage Trust", language=language)
    project = make_project(org, client, start_on=timezone.localdate() - timedelta(days=10))
    make_item(project)
    return project


def test_the_first_promise_reads_as_the_first_promise() -> None:
    project = _project()
    promise(project, FIRST)

    body = browser_for(project.organisation)[0].get(f"/projects/{project.pk}/").content.decode()
    (row,) = _ledger_rows(body)

    assert "first promise" in row
    # Who heard it, never a dash that reads as "changed to nothing".
    assert '<td data-label="Promised to">Heritage Trust</td>' in row


def test_a_later_promise_names_the_date_it_replaced() -> None:
    project = _project()
    promise(project, FIRST, made_at=timezone.now() - timedelta(days=5))
    promise(project, FIRST + timedelta(days=14), made_at=timezone.now() - timedelta(days=1))

    body = browser_for(project.organisation)[0].get(f"/projects/{project.pk}/").content.decode()
    first, second = _ledger_rows(body)

    assert "first promise" in first
    assert "instead of 29 Jan 2027" in second


def test_the_first_promise_in_spanish() -> None:
    project = _project("es")
    promise(project, FIRST, made_at=timezone.now() - timedelta(days=5))
    promise(project, FIRST + timedelta(days=14), made_at=timezone.now() - timedelta(days=1))

    browser = browser_for(project.organisation)[0]
    body = browser.get(f"/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    first, second = _ledger_rows(body)

    assert "primera promesa" in first
    assert "Prometida a" in first
    assert "en lugar del 29 ene 2027" in second
