"""A page read in Spanish leaves no Spanish behind for the next test (tests/conftest.py): the
two tests run in this order, in one process, as test_setup_place and test_cli_init did."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.utils import translation

from plazo.store.services.access.studio_places import language_problem

pytestmark = pytest.mark.django_db


def test_a_page_read_in_spanish_speaks_spanish() -> None:
    HttpClient().get("/setup/", HTTP_ACCEPT_LANGUAGE="es")
    assert translation.get_language() == "es"  # the middleware's, for the rest of the request
    assert language_problem("fr") == "Escriba en (inglés) o es (español)."


def test_the_next_test_starts_in_english() -> None:
    assert translation.get_language() == "en"
    assert language_problem("fr") == "Type en (English) or es (Spanish)."
