"""The owner alert says what the review page will offer when the recommended date misses the
client's stake: the latest date that still makes it, or that no date before it can be promised."""

from __future__ import annotations

from datetime import date

import pytest

from tests.core.compose.factories import make_owner_alert

LATE = date(2027, 1, 25)  # after the factories' stake, 20 January 2027


@pytest.mark.parametrize(
    ("language", "offered"),
    [
        ("es", "La página de revisión te ofrece el 19 de enero de 2027, la última fecha"),
        ("en", "The review page offers January 19, 2027, the latest date that still makes it"),
    ],
)
def test_the_alert_names_the_date_the_review_page_offers(language: str, offered: str) -> None:
    alert = make_owner_alert(language, recommended_on=LATE, stake_latest_on=date(2027, 1, 19))
    assert offered in alert.text
    assert offered.split(",")[0] in alert.html


@pytest.mark.parametrize(
    ("language", "none_left", "offers"),
    [
        ("es", "Ya no se puede prometer ninguna fecha anterior", "te ofrece"),
        ("en", "No date before it can still be promised", "offers"),
    ],
)
def test_with_no_date_left_the_alert_does_not_promise_one(
    language: str, none_left: str, offers: str
) -> None:
    alert = make_owner_alert(language, recommended_on=LATE, stake_latest_on=None)
    assert none_left in alert.text
    assert none_left in alert.html
    assert offers not in alert.text


@pytest.mark.parametrize(
    ("language", "next_paragraph"),
    [("es", "El borrador del aviso está listo"), ("en", "The draft notice is ready")],
)
@pytest.mark.parametrize("stake_latest_on", [date(2027, 1, 19), None])
def test_the_stake_paragraph_stands_apart_from_the_link(
    language: str, next_paragraph: str, stake_latest_on: date | None
) -> None:
    alert = make_owner_alert(language, recommended_on=LATE, stake_latest_on=stake_latest_on)
    assert f"\n\n{next_paragraph}" in alert.text
