"""Form fields carry the value an HTML input understands in every interface language.

A ``type=date`` input takes only ``YYYY-MM-DD`` and a ``type=number`` input only a dot decimal;
Chromium shows anything else (Spanish ``02/11/2026`` or ``1,50``) as an empty box, refuses to
submit a required one and posts an optional one blank. A form posted back exactly as it was
rendered must therefore change nothing, in Spanish as in English.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.test import Client as HttpClient

from plazo.store.models import Project
from tests.app.factories import make_client, make_item, make_org, make_project
from tests.app.web.helpers import browser_for

pytestmark = pytest.mark.django_db
LANGUAGES = ["es", "en"]
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class _Inputs(HTMLParser):
    """Every input, select and textarea on a page, as (type, name, value), in page order."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "input":
            kind = found.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in found:
                return
            self.fields.append((kind, found.get("name", ""), found.get("value", "")))
        elif tag == "select":
            self._select = found.get("name", "")
        elif tag == "option" and self._select is not None and "selected" in found:
            self.fields.append(("select", self._select, found.get("value", "")))
        elif tag == "textarea":
            self._textarea, self._text = found.get("name", ""), ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append(("textarea", self._textarea, self._text.lstrip("\n")))
            self._textarea = None


def _as_the_browser_posts(kind: str, value: str) -> str:
    """Chromium drops a value its input type cannot read: the box looks and posts empty."""
    if kind == "date" and not ISO_DAY.match(value):
        return ""
    if kind == "number" and not NUMBER.match(value):
        return ""
    return value


def _inputs(browser: HttpClient, url: str, language: str) -> list[tuple[str, str, str]]:
    response = browser.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    parser = _Inputs()
    parser.feed(response.content.decode())
    return parser.fields


def _project() -> tuple[HttpClient, Project]:
    org = make_org()
    client = make_client(org, name="Harbor Lane Studio")
    project = make_project(
        org,
        client,
        name="Portfolio website",
        start_on=date(2026, 11, 2),
        promised_on=date(2027, 1, 29),
        stake="la campaña de San Valentín",
        stake_on=date(2027, 2, 1),
        capacity_hours_per_week=Decimal("12.50"),
        value=Decimal("4500.00"),
    )
    make_item(project, title="Pruebas en móvil", estimate_hours=Decimal("1.5"))
    browser, user = browser_for(org)
    Project.objects.filter(pk=project.pk).update(owner=user)
    return browser, project


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_date_and_number_input_holds_a_value_the_browser_reads(language: str) -> None:
    browser, project = _project()
    pages = [
        f"/projects/{project.pk}/edit/",
        "/projects/new/",
        f"/projects/{project.pk}/items/",
        f"/projects/{project.pk}/",
        "/settings/",
        f"/clients/{project.client_id}/",
        "/ledger/",
    ]
    seen = {"date": 0, "number": 0}
    for url in pages:
        for kind, name, value in _inputs(browser, url, language):
            if kind == "date" and value:
                seen["date"] += 1
                assert ISO_DAY.match(value), (url, name, value)
            if kind == "number" and value:
                seen["number"] += 1
                assert NUMBER.match(value), (url, name, value)
    assert seen["date"] >= 4, seen  # the pages really had some
    assert seen["number"] >= 3, seen


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_project_dates_are_filled_in_when_editing(language: str) -> None:
    browser, project = _project()
    page = _inputs(browser, f"/projects/{project.pk}/edit/", language)
    fields = {name: value for _kind, name, value in page}
    assert fields["start_on"] == "2026-11-02"
    assert fields["promised_on"] == "2027-01-29"
    assert fields["stake_on"] == "2027-02-01"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_fractional_estimate_shows_in_its_number_box(language: str) -> None:
    browser, project = _project()
    page = _inputs(browser, f"/projects/{project.pk}/items/", language)
    # The number box (the Rename form carries the estimate along in a hidden field).
    boxes = [value for kind, name, value in page if name == "estimate_hours" and kind != "hidden"]
    assert len(boxes) == 1
    assert NUMBER.match(boxes[0]), boxes
    assert Decimal(boxes[0]) == Decimal("1.5")


@pytest.mark.parametrize("language", LANGUAGES)
def test_saving_the_project_form_untouched_but_for_capacity_keeps_the_key_date(
    language: str,
) -> None:
    browser, project = _project()
    posted = {
        name: _as_the_browser_posts(kind, value)
        for kind, name, value in _inputs(browser, f"/projects/{project.pk}/edit/", language)
        if name and kind not in {"submit", "button"}
    }
    posted["capacity_hours_per_week"] = "20"
    response = browser.post(f"/projects/{project.pk}/edit/", posted, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 302, response.content.decode()[:3000]
    project.refresh_from_db()
    assert project.capacity_hours_per_week == Decimal("20")
    assert project.stake_on == date(2027, 2, 1)
    assert project.promised_on == date(2027, 1, 29)
    assert project.start_on == date(2026, 11, 2)
    assert project.stake == "la campaña de San Valentín"
    assert project.commitments.count() == 0  # no new promise was recorded either
