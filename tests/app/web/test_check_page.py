"""*Check a message*: a member pastes a message she wrote and reads the checker's report."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client as HttpClient
from django.utils import translation
from django.utils.formats import number_format

from plazo.core.check import ELEMENTS, WARNINGS, check
from plazo.store.models import Membership
from plazo.web.forms.check import MAX_CHECK_CHARS
from tests.app.factories import make_org, make_user
from tests.app.web.helpers import browser_for

pytestmark = pytest.mark.django_db
URL = "/check/"
ES = (
    "Hola Javier: nos enviasteis tarde los textos, así que la tienda estará lista pronto. "
    "Perdona las molestias."
)
EN = "Sorry, the site will be late. We will deliver soon."


def _row(page: str, attribute: str, code: str) -> str:
    found = re.search(rf'<tr {attribute}="{code}">(.*?)</tr>', page, flags=re.S)
    assert found is not None, code
    return found[1]


def _check(browser: HttpClient, text: str, lang: str = "auto", **headers: str) -> str:
    response = browser.post(URL, {"text": text, "lang": lang}, **headers)
    assert response.status_code == 200
    return str(response.content.decode())


def test_the_navigation_links_the_page_in_both_languages() -> None:
    browser, _ = browser_for(make_org())
    assert ">Check a message</a>" in browser.get("/").content.decode()
    page = browser.get("/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert 'href="/check/"' in page
    assert ">Revisar un mensaje</a>" in page


def test_the_form_does_not_let_the_browser_cut_a_long_paste() -> None:
    browser, _ = browser_for(make_org())
    page = browser.get(URL).content.decode()
    textarea = re.search(r"<textarea[^>]*>", page)
    assert textarea is not None
    assert "maxlength" not in textarea[0]
    assert '<option value="auto" selected>Detect it</option>' in page


def test_every_element_and_warning_is_shown_as_the_checker_found_it() -> None:
    browser, _ = browser_for(make_org())
    report = check(EN)
    page = _check(browser, EN)

    assert "Checked as English. Score: 5 of 100." in page
    for code in ELEMENTS:
        row = _row(page, "data-element", code)
        result = report.elements[code]
        assert ("✓ found" in row) == result.present, code
        assert ("✗ not found" in row) == (not result.present), code
    for code in WARNINGS:
        row = _row(page, "data-warning", code)
        assert ("⚠ raised" in row) == (code in report.warning_codes), code
    assert '<mark class="el apology">Sorry, the site will be late.</mark>' in _row(
        page, "data-element", "apology"
    )
    vague = _row(page, "data-warning", "vague_timing")
    assert '<mark class="warn vague_timing">We will deliver soon.</mark>' in vague
    assert "Vague timing only: give a concrete new date" in vague
    # the message itself, with the evidence marked where it is
    marked = re.search(r'data-testid="marked-message">(.*?)</pre>', page, flags=re.S)
    assert marked is not None
    assert marked[1] == (
        '<mark class="el apology" title="apology">Sorry, the site will be late.</mark> '
        '<mark class="warn vague_timing" title="vague_timing">We will deliver soon.</mark>'
    )
    # the text stays in the box, to correct it and check again
    assert f">\n{EN}</textarea>" in page


def test_no_bare_percentage_sits_beside_the_verdict() -> None:
    """ "compensación ✗ no encontrado · Probabilidad 72 %" read as a contradiction (walk 6,
    W19): the page gives the verdict as plazo check prints it, and says where the model's
    probabilities are."""
    browser, _ = browser_for(make_org())
    report = check(EN)
    page = _check(browser, EN)
    assert "Probability" not in page
    for code in ELEMENTS:
        assert "%" not in _row(page, "data-element", code), code
    assert not report.passes
    assert "Score: 5 of 100. The message does not pass." in page
    assert "plazo check --json" in page
    spanish = _check(browser, ES, HTTP_ACCEPT_LANGUAGE="es")
    assert "Probabilidad" not in spanish
    assert "El mensaje no pasa la revisión." in spanish


def test_a_spanish_message_in_the_spanish_interface() -> None:
    browser, _ = browser_for(make_org())
    page = _check(browser, ES, HTTP_ACCEPT_LANGUAGE="es")

    assert "Revisado como español. Puntuación: 0 de 100." in page
    assert "✓ encontrado" in _row(page, "data-element", "apology")
    assert "✗ no encontrado" in _row(page, "data-element", "new_date")
    blame = _row(page, "data-warning", "blames_client")
    assert "culpa al cliente" in blame
    assert "⚠ detectado" in blame
    assert (
        "Parece culpar al cliente" in blame
    )  # the checker's own advice, in the message's language
    assert ">Perdona las molestias.</mark>" in page


def test_the_language_can_be_chosen() -> None:
    browser, _ = browser_for(make_org())
    assert "Checked as Spanish." in _check(browser, EN, lang="es")


def test_the_evidence_offsets_hold_for_a_message_typed_with_crlf_line_breaks() -> None:
    browser, _ = browser_for(make_org())
    page = _check(browser, "Hi Dana,\r\n\r\nSorry, the site will be late.\r\nWe will deliver soon.")
    assert '<mark class="el apology">Sorry, the site will be late.</mark>' in page


def test_a_message_too_long_is_refused_with_its_length_and_the_limit() -> None:
    browser, _ = browser_for(make_org())
    text = "Sorry for the delay. " * (MAX_CHECK_CHARS // 21 + 1)
    response = browser.post(URL, {"text": text, "lang": "auto"})
    page = response.content.decode()
    assert response.status_code == 200
    assert f"The message is too long to check: {len(text):,} characters, at most 20,000." in page
    assert "data-element" not in page

    response = browser.post(URL, {"text": text, "lang": "auto"}, HTTP_ACCEPT_LANGUAGE="es")
    assert "El mensaje es demasiado largo para revisarlo: " in response.content.decode()


@pytest.mark.parametrize(
    ("text", "en", "es"),
    [
        ("", "This field is required.", "Este campo es obligatorio."),
        ("12/12 !!", "There are no words to check", "No hay palabras que revisar"),
        ("Xyzzy plugh quux frob.", "could not be told", "No se reconoce el idioma"),
    ],
)
def test_a_message_the_checker_cannot_read_is_explained_in_the_readers_language(
    text: str, en: str, es: str
) -> None:
    browser, _ = browser_for(make_org())
    response = browser.post(URL, {"text": text, "lang": "auto"})
    assert response.status_code == 200
    assert en in response.content.decode()
    response = browser.post(URL, {"text": text, "lang": "auto"}, HTTP_ACCEPT_LANGUAGE="es")
    assert es in response.content.decode()


def test_a_member_uses_it_too() -> None:
    org = make_org()
    user = make_user()
    Membership.objects.create(organisation=org, user=user, role="member")
    browser = HttpClient()
    browser.force_login(user)
    assert "Checked as English." in _check(browser, EN)


def test_hostile_text_is_shown_not_run() -> None:
    browser, _ = browser_for(make_org())
    text = 'Sorry, the site will be late. <img src=x onerror="alert(1)"><script>alert(2)</script>'
    page = _check(browser, text)
    assert "<script>alert(2)" not in page
    assert "<img src=x" not in page
    assert html.escape("<script>alert(2)</script>", quote=False) in page


def test_the_form_needs_the_csrf_token() -> None:
    browser, _ = browser_for(make_org(), csrf=True)
    assert browser.post(URL, {"text": EN, "lang": "auto"}).status_code == 403
    assert "csrfmiddlewaretoken" in browser.get(URL).content.decode()


def test_the_page_is_not_cached() -> None:
    browser, _ = browser_for(make_org())
    response = browser.post(URL, {"text": EN, "lang": "auto"})
    assert "no-store" in response["Cache-Control"]


def _csrf_browser() -> tuple[HttpClient, str]:
    """A logged-in browser that sends the CSRF token in the form, as a real one does."""
    browser, _ = browser_for(make_org(), csrf=True)
    browser.get(URL)
    return browser, browser.cookies["csrftoken"].value


@pytest.mark.parametrize(
    ("language", "says"),
    [
        ("en", "The message is too large to check: more than 2.5\xa0MB were sent"),
        ("es", "El mensaje es demasiado grande para revisarlo: se enviaron más de 2,5\xa0MB"),
    ],
)
def test_a_paste_over_the_upload_limit_gets_the_form_back_with_the_limit(
    language: str, says: str
) -> None:
    browser, token = _csrf_browser()
    huge = "Perdón por el retraso. " * 120_000  # about 2.8 MB, past Django's 2.5 MB
    response = browser.post(
        URL, {"csrfmiddlewaretoken": token, "text": huge}, HTTP_ACCEPT_LANGUAGE=language
    )
    page = response.content.decode()
    assert response.status_code == 413
    assert says in page
    with translation.override(language):
        limit = number_format(MAX_CHECK_CHARS, force_grouping=True)
    assert f"at most {limit}" in page or f"como máximo {limit}" in page  # what a message may be
    assert 'aria-invalid="true"' in page  # marked on the field, as any form error
    assert '<form method="post" action="/check/"' in page
    assert "Bad Request" not in page


def test_an_oversized_post_elsewhere_is_a_clear_413_page() -> None:
    browser, token = _csrf_browser()
    response = browser.post("/clients/new/", {"csrfmiddlewaretoken": token, "x": "a" * 2_700_000})
    assert response.status_code == 413
    assert "too large" in response.content.decode()
