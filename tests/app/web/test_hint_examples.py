"""Hints and refusals give examples of the reader's language: an English page does not assume
a Spanish studio (outsider3's W3); the Spanish page keeps Spain's examples."""

from __future__ import annotations

import pytest

from tests.app.factories import make_client
from tests.app.web.test_studio_editing import _studio_browser

pytestmark = pytest.mark.django_db


def test_the_project_form_gives_english_examples_in_english_and_spanish_ones_in_spanish() -> None:
    browser, org = _studio_browser()
    make_client(org)
    english = browser.get("/projects/new/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "the annual shareholders&#x27; meeting" in english
    assert "la junta anual" not in english
    # The region is picked among the studio's country's (finding 10: no "SCT for Scotland").
    assert '<option value="MD">Madrid (MD)</option>' in english
    assert "Scotland" not in english
    spanish = browser.get("/projects/new/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "la junta anual de accionistas" in spanish
    assert '<option value="MD">Madrid (MD)</option>' in spanish


def test_settings_refusals_name_examples_for_the_readers_language() -> None:
    browser, _ = _studio_browser()
    form = browser.get("/settings/", HTTP_ACCEPT_LANGUAGE="en")
    assert form.status_code == 200
    bad = {
        "name": "Studio",
        "language": "en",
        "currency": "E1",
        "country": "GB",
        "time_zone": "London",
        "sender_email": "",
    }
    page = browser.post("/settings/", bad, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "such as GBP, EUR or USD" in page
    assert "such as Europe/London or America/New_York" in page
