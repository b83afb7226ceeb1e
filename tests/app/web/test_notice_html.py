"""The notice's HTML version has its own URL and its own policy, for the review page's frame."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.app.web.test_notice_review import FACTS, HOSTILE, _draft_case, _form, _text

pytestmark = pytest.mark.django_db


def _frame_src(page: str) -> str:
    found = re.search(r'<iframe class="notice-html" sandbox=""[^>]*src="([^"]+)"', page)
    assert found is not None
    return html.unescape(found.group(1))


def test_the_frame_loads_the_notice_from_its_own_url_not_inline() -> None:
    browser, case = _draft_case()
    browser.post(f"/cases/{case.pk}/", {**_form(case, browser), "action": "save"})
    page = _text(browser.get(f"/cases/{case.pk}/"))
    assert "srcdoc" not in page
    assert _frame_src(page) == f"/cases/{case.pk}/notice.html"


def test_the_notice_html_allows_its_inline_styles_and_no_script() -> None:
    browser, case = _draft_case()
    browser.post(f"/cases/{case.pk}/", {**_form(case, browser), "action": "save"})
    response = browser.get(f"/cases/{case.pk}/notice.html")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    policy = response["Content-Security-Policy"]
    assert "style-src 'unsafe-inline'" in policy
    assert "default-src 'none'" in policy
    assert "script-src" not in policy  # falls back to default-src 'none'
    assert "sandbox" in policy
    assert "frame-ancestors 'self'" in policy
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "Lamento mucho" in _text(response)
    assert 'style="' in _text(response)


def test_the_live_preview_points_the_frame_at_the_draft_being_typed() -> None:
    browser, case = _draft_case()
    typed = "un proveedor cambió la interfaz de su registro la semana pasada"
    live = _text(browser.post(f"/cases/{case.pk}/preview/", _form(case, browser, cause=typed)))
    src = _frame_src(live)
    query = parse_qs(urlsplit(src).query)
    assert query["cause"] == [typed]
    assert "csrfmiddlewaretoken" not in query
    assert "action" not in query
    assert typed in _text(browser.get(src))


def test_a_notice_that_cannot_be_written_yet_is_not_found() -> None:
    browser, case = _draft_case()
    response = browser.get(f"/cases/{case.pk}/notice.html", {"cause": ""})
    assert response.status_code == 404
    assert FACTS["cause"] not in _text(response)


def test_hostile_text_is_escaped_in_the_notice_html() -> None:
    browser, case = _draft_case()
    form = _form(case, browser, cause=HOSTILE, identified=HOSTILE)
    text = _text(browser.get(f"/cases/{case.pk}/notice.html", form))
    assert HOSTILE not in text
