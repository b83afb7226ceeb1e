"""The dashboard on a phone (375×812) in headless Chromium, in Spanish and in English.

No page scrolls sideways, the header is compact (the navigation wrapped onto the lines it
needs, every link in sight without scrolling: a row that scrolled by itself showed "…Ledger O"
with Outbox and Settings hidden; the organisation, language and log out folded under
*Account*), every link of the navigation can be reached (by the keyboard too), the *Mark
delivered* form stays inside its box, and no two words of the project's chart overlap.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from plazo.demo import DEMO_USERNAME, load_demo
from plazo.demo.load import DEMO_PASSWORD
from plazo.store.models import Forecast, Project, ProjectStatus
from tests.e2e.browser import needs_chromium, screenshot

pytestmark = [needs_chromium, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}  # the narrowest common phone
MAX_HEADER = 150  # px: the name, the Account button and the links' lines (it was ~250)
PAGES = [
    "/",
    "/?status=delivered",
    "/week/",
    "/clients/",
    "/ledger/",
    "/outbox/",
    "/members/",
    "/settings/",
    "/settings/policy/",
    "/check/",
]

# Pairs of boxes of the chart's visible words that intersect (each box: x, y, width, height).
_OVERLAPS = """() => {
  const svg = [...document.querySelectorAll('figure.timeline svg')]
    .find(s => s.getBoundingClientRect().width > 0);
  const boxes = [...svg.querySelectorAll('text')]
    .map(t => [t.textContent, t.getBoundingClientRect()]);
  const hits = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, p] = boxes[i], [b, q] = boxes[j];
    const apart = p.right <= q.left || q.right <= p.left || p.bottom <= q.top || q.bottom <= p.top;
    if (!apart) hits.push([a, b]);
  }
  return hits;
}"""


def _demo() -> Project:
    """The demo portfolio with a forecast for its active projects; the at-risk one."""
    org = load_demo(timezone.localdate()).organisation
    today = timezone.localdate()
    for project in Project.objects.for_organisation(org).filter(status=ProjectStatus.ACTIVE):
        Forecast.objects.create(
            organisation=org, project=project, created_at=timezone.now(), model="sized",
            trials=1000, remaining_hours=80,
            effort_p50_hours=80, effort_p85_hours=95, effort_p95_hours=110,
            finish_p50_on=today + timedelta(days=20), finish_p85_on=today + timedelta(days=28),
            finish_p95_on=today + timedelta(days=35), p_on_time=0.7, inputs_fingerprint="0" * 64,
        )  # fmt: skip
    return Project.objects.for_organisation(org).get(name="Portal del inversor")


def _log_in(page: Any, base: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", DEMO_USERNAME)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_selector("table.portfolio")


def _fits(page: Any) -> bool:
    return bool(page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth"))


@pytest.mark.parametrize("locale", ["es-ES", "en-GB"])
def test_no_page_scrolls_sideways_on_a_phone_and_every_nav_link_is_reachable(
    browser: Any, live_server: Any, locale: str
) -> None:
    project = _demo()
    page = browser.new_page(viewport=PHONE, locale=locale, is_mobile=True, has_touch=True)
    _log_in(page, live_server.url)
    paths = [*PAGES, f"/projects/{project.pk}/", f"/projects/{project.pk}/items/"]
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        assert _fits(page), f"{path} scrolls sideways in {locale}"
        header = page.locator("header.top").bounding_box()
        assert header is not None
        assert header["height"] <= MAX_HEADER, f"{path}: the header takes {header['height']} px"
        links = page.locator("header.top nav a")
        assert links.count() >= 7
        nav = "(() => { const n = document.querySelector('header.top nav'); "
        nav += "return n.scrollWidth <= n.clientWidth; })()"
        assert page.evaluate(nav), f"{path}: the navigation hides links sideways in {locale}"
        for i in range(links.count()):
            box = links.nth(i).bounding_box()  # in sight as the page opens, nothing scrolled
            assert links.nth(i).is_visible()
            assert box is not None
            assert box["x"] >= 0
            assert box["x"] + box["width"] <= PHONE["width"]
    screenshot(page, f"phone-items-{locale}.png")

    # The nav leads where it says, the last link (Settings) included.
    page.locator("header.top nav a").last.click()
    page.wait_for_url("**/settings/")


def test_the_account_menu_opens_with_the_keyboard_and_holds_language_and_log_out(
    browser: Any, live_server: Any
) -> None:
    _demo()
    page = browser.new_page(viewport=PHONE, locale="en-GB", is_mobile=True, has_touch=True)
    _log_in(page, live_server.url)
    assert not page.locator("header.top .account-row").is_visible()
    assert not page.locator("#language-menu").is_visible()
    page.focus("header.top details.account-fold summary")
    page.keyboard.press("Enter")
    assert page.locator("#language-menu").is_visible()
    logout = page.locator("header.top .account-fold button", has_text="Log out")
    assert logout.is_visible()
    box = page.locator("header.top .account-menu").bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE["width"]
    assert _fits(page)
    screenshot(page, "phone-account-menu.png")
    page.keyboard.press("Tab")  # into the menu: the organisation's name is text, the select next
    assert page.evaluate("document.activeElement.id") == "language-menu"
    # The nav: its last link is in sight, and focusing it scrolls nothing sideways.
    page.locator("header.top nav a").last.focus()
    assert page.locator("header.top nav a").last.is_visible()
    assert _fits(page)


@pytest.mark.parametrize("locale", ["es-ES", "en-GB"])
def test_the_project_page_fits_a_phone_its_chart_words_apart(
    browser: Any, live_server: Any, locale: str
) -> None:
    project = _demo()
    page = browser.new_page(viewport=PHONE, locale=locale, is_mobile=True, has_touch=True)
    _log_in(page, live_server.url)
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    card = page.locator("section:has(#h-delivery)").bounding_box()
    form = page.locator("section:has(#h-delivery) form").bounding_box()
    assert card is not None
    assert form is not None
    assert form["x"] + form["width"] <= card["x"] + card["width"]
    assert page.evaluate(_OVERLAPS) == []
    screenshot(page, f"phone-project-{locale}.png")
