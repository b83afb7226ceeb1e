"""Composed HTML e-mails open in headless Chromium at 600 px: no errors, no overflow, dark mode."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from plazo.core.compose import Message, compose_delay_notice, compose_weekly_update
from tests.core.compose.factories import (
    SENT_AT,
    VARIANTS,
    make_case,
    make_client,
    make_contacts,
    make_forecast,
    make_offer,
    make_organisation,
    make_project,
    make_updates,
)
from tests.e2e.browser import launch_chromium, needs_chromium

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch_chromium() as launched:
        yield launched


def as_viewable_html(message: Message) -> str:
    """The HTML as a mail client shows it: ``cid:`` images resolved to the attached bytes."""
    html = message.html
    for item in message.attachments:
        if item.content_id is not None:
            data = base64.b64encode(item.data).decode("ascii")
            html = html.replace(f"cid:{item.content_id}", f"data:{item.content_type};base64,{data}")
    return html


def open_in_browser(browser: Any, message: Message, path: Path, dark: bool = False) -> Any:
    path.write_text(as_viewable_html(message), encoding="utf-8")
    page = browser.new_page(
        viewport={"width": 600, "height": 900}, color_scheme="dark" if dark else "light"
    )
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    page.errors = errors
    return page


def weekly(language: str, register: str) -> Message:
    return compose_weekly_update(
        make_organisation(),
        make_client(language, register),
        make_contacts(language),
        make_project(language),
        make_forecast(),
        make_updates(language),
        sent_at=SENT_AT,
    )


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_weekly_update_renders_at_600_px_without_errors(
    browser: Any, tmp_path: Path, language: str, register: str
) -> None:
    page = open_in_browser(browser, weekly(language, register), tmp_path / "weekly.html")
    page.screenshot(path=str(tmp_path / "weekly.png"), full_page=True)
    assert page.errors == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 600
    chart = page.locator("img.chart")
    assert chart.evaluate("img => img.complete && img.naturalWidth") == 1120
    assert chart.evaluate("img => img.getBoundingClientRect().width") <= 560
    assert (tmp_path / "weekly.png").stat().st_size > 10_000
    page.close()


def test_delay_notice_renders_at_600_px_without_errors(browser: Any, tmp_path: Path) -> None:
    message = compose_delay_notice(
        make_organisation(),
        make_client(),
        make_contacts(),
        make_project(),
        make_case(),
        make_offer(),
        sent_at=SENT_AT,
        sequence=1,
    )
    page = open_in_browser(browser, message, tmp_path / "notice.html")
    page.screenshot(path=str(tmp_path / "notice.png"), full_page=True)
    assert page.errors == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 600
    assert page.locator("ol li").count() == 3
    page.close()


def test_dark_mode_turns_the_card_dark_and_keeps_text_light(browser: Any, tmp_path: Path) -> None:
    page = open_in_browser(browser, weekly("es", "formal"), tmp_path / "dark.html", dark=True)
    page.screenshot(path=str(tmp_path / "dark.png"), full_page=True)
    card = page.locator(".card")
    assert card.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(31, 41, 55)"
    assert card.evaluate("el => getComputedStyle(el).color") == "rgb(229, 231, 235)"
    assert page.errors == []
    page.close()
