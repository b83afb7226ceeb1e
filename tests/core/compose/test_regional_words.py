"""W5: "sin coste" to Spain, "sin costo" to Mexico and Latin America, by the client's locale."""

from __future__ import annotations

from datetime import date

import pytest

from plazo.core import check
from plazo.core.compose import compose_delay_notice, compose_delivered
from plazo.core.compose.formats import Formats
from tests.core.compose.factories import (
    SENT_AT,
    make_case,
    make_client,
    make_contacts,
    make_offer,
    make_organisation,
    make_project,
)


@pytest.mark.parametrize(
    ("locale", "words"),
    [
        ("es", "sin coste"),
        ("es_ES", "sin coste"),
        ("es_MX", "sin costo"),
        ("es_AR", "sin costo"),
        ("es_CO", "sin costo"),
        ("es_US", "sin costo"),
        ("es_419", "sin costo"),
        ("en_GB", "at no cost"),
        ("en_US", "at no cost"),
    ],
)
def test_the_words_for_free_follow_the_readers_country(locale: str, words: str) -> None:
    assert Formats.for_locale(locale).word("no_cost") == words


@pytest.mark.parametrize(("locale", "words"), [("es_ES", "coste"), ("es_MX", "costo")])
@pytest.mark.parametrize("register", ["formal", "informal"])
def test_a_free_extra_is_offered_in_the_clients_words_and_still_counts(
    locale: str, words: str, register: str
) -> None:
    client = make_client("es", register, locale=locale)
    common = (make_organisation(), client, make_contacts("es"), make_project("es"))
    described = make_offer("es", kind="extra", description="un mes de soporte prioritario")
    notice = compose_delay_notice(*common, make_case("es"), described, sent_at=SENT_AT, sequence=1)
    assert f"un mes de soporte prioritario, sin {words} (valorado en" in notice.text
    other = "costo" if words == "coste" else "coste"
    assert f"sin {other}" not in notice.text
    for body in (notice.text, notice.html):
        report = check.check(body, lang="es")
        assert report.elements["compensation"].present
        assert report.passes
    bare = compose_delay_notice(
        *common, make_case("es"), make_offer("es", kind="extra"), sent_at=SENT_AT, sequence=1
    )
    assert f"un extra sin {words} valorado en" in bare.text
    assert check.check(bare.text, lang="es").passes
    delivered = compose_delivered(
        *common,
        ["Tienda en línea"],
        make_offer("es", kind="extra"),
        delivered_on=date(2027, 1, 11),
        sent_at=SENT_AT,
    )
    assert f"va incluido sin {words}." in delivered.text
