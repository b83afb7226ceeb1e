"""M6 and M2: an owner's wording of an offer is said once; a notice the policy owes no offer."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from plazo.core import check
from plazo.core.compose import ComposeError
from tests.core.compose.factories import (
    VARIANTS,
    make_case,
    make_delay_notice,
    make_offer,
)


def _notice(language: str, register: str, offer: object, **case: object):  # type: ignore[no-untyped-def]
    return make_delay_notice(
        language, register, case=replace(make_case(language), **case), offer=offer
    )


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_owners_words_that_name_the_discount_are_the_offer_said_once(
    language: str, register: str
) -> None:
    words = (
        "descuento del 5 % en este proyecto" if language == "es" else "5% discount on this project"
    )
    offer = make_offer(language, amount=Decimal("160"), description=words)
    text = _notice(language, register, offer).text
    if language == "es":
        assert "ofrecemos un descuento del 5 % en este proyecto (160,00\xa0€)." in text
        assert text.count("descuento") == 1
    else:
        assert "you a 5% discount on this project ($160.00)." in text
        assert text.count("discount") == 1


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_owners_words_that_add_something_follow_the_offer(language: str, register: str) -> None:
    words = "por las molestias de diciembre" if language == "es" else "for December's trouble"
    offer = make_offer(language, amount=Decimal("160"), description=words)
    text = _notice(language, register, offer).text
    if language == "es":
        assert "un descuento de 160,00\xa0€ sobre el precio de este proyecto: " + words in text
    else:
        assert "a discount of $160.00 on the price of this project: " + words in text


def test_an_eight_percent_discount_takes_an() -> None:
    offer = make_offer("en", amount=Decimal("160"), description="8% discount on this project")
    assert (
        "offer you an 8% discount on this project ($160.00)." in _notice("en", "formal", offer).text
    )


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_a_notice_the_policy_owes_no_offer_goes_without_one(language: str, register: str) -> None:
    notice = _notice(language, register, None, offer_due=False)
    for body in (notice.text, notice.html):
        assert "descuento" not in body
        assert "discount" not in body
        assert "compensar" not in body
        assert "make up for" not in body
    assert "<p></p>" not in notice.html
    report = check.check(notice.text, lang=language)
    assert report.elements["apology"].present
    assert report.elements["new_date"].present


def test_a_notice_that_owes_an_offer_still_refuses_to_go_without_one() -> None:
    with pytest.raises(ComposeError, match="no compensation offer"):
        _notice("es", "informal", None)
