"""The register is offered in the client's language's terms: usted and tú only to Spanish
clients, formal and casual to English ones, and neutral words (with a hint) before the language
is known."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.app.factories import make_client, make_org
from tests.app.web.helpers import browser_for

pytestmark = pytest.mark.django_db


def _options(page: str) -> str:
    start = page.index('name="register"')
    return page[start : page.index("</select>", start)]


@pytest.mark.parametrize(
    ("client_language", "ui", "offered", "never"),
    [
        ("en", "es", ["formal", "cercano"], ["usted", "tú", "vos"]),
        ("en", "en", ["formal", "casual"], ["usted", "tú", "vos"]),
        ("es", "es", ["formal (usted)", "informal (tú)", "informal (vos)"], ["cercano"]),
        ("es", "en", ["formal (usted)", "informal (tú)", "informal (vos)"], ["casual"]),
    ],
)
def test_a_clients_register_is_offered_in_its_languages_terms(
    client_language: str, ui: str, offered: list[str], never: list[str]
) -> None:
    org = make_org()
    client = make_client(org, language=client_language)
    browser, _ = browser_for(org)
    browser.cookies["django_language"] = ui
    options = _options(browser.get(reverse("web:client", args=[client.pk])).content.decode())
    for words in offered:
        assert f">{words}</option>" in options
    for words in never:
        assert words not in options


def test_a_new_client_gets_neutral_words_and_a_hint() -> None:
    browser, _ = browser_for(make_org())
    browser.cookies["django_language"] = "es"
    page = browser.get(reverse("web:client_new")).content.decode()
    assert "usted" not in _options(page)
    assert "de usted, de tú o de vos en español; formal o cercano en inglés" in page
