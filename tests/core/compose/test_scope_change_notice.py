"""W4: a delay from a scope change the client asked for is told as their request, not our fault."""

from __future__ import annotations

from datetime import date

import pytest

from plazo.core import check
from tests.core.compose.factories import (
    VARIANTS,
    make_delay_notice,
    make_offer,
    make_project,
    make_scope_change_case,
)

ELEMENTS = ("apology", "impact", "assurance", "new_date", "cause", "plan", "compensation")
# What a notice says when the fault is ours: wrong for a change the client asked for.
OUR_FAULT = (
    "under control",
    "identified the problem",
    "accept my apologies",
    "My apologies",
    "as we promised",
    "make up for the inconvenience",
    "recovery plan",
    "bajo control",
    "identificado el problema",
    "pido disculpas",
    "como nos comprometimos",
    "compensar las molestias",
    "recuperar el retraso",
)


def _notice(language: str, register: str, offer_kind: str | None, **case: object):  # type: ignore[no-untyped-def]
    return make_delay_notice(
        language,
        register,
        case=make_scope_change_case(language, offer_due=offer_kind is not None, **case),
        offer=make_offer(language, kind=offer_kind) if offer_kind else None,
    )


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_a_scope_change_notice_says_what_the_client_asked_for_without_owning_a_fault(
    language: str, register: str
) -> None:
    notice = _notice(language, register, None)
    for body in (notice.text, notice.html):
        assert [words for words in OUR_FAULT if words.lower() in body.lower()] == []
    if language == "es":
        mine = "suya" if register == "formal" else "tuya"
        assert f"La fecha cambia porque, a petición {mine}, la tienda tendrá" in notice.text
        assert "El cambio añade unas tres semanas de traducción" in notice.text
        assert "La nueva fecha de entrega es el 12 de enero de 2027." in notice.text
    else:
        assert "The date moves because, at your request, the shop will also have" in notice.text
        assert "The change adds about three weeks of translation" in notice.text
        assert "The new delivery date is January 12, 2027." in notice.text


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_an_offer_for_a_scope_change_is_goodwill(language: str, register: str) -> None:
    text = _notice(language, register, "discount").text
    assert ("Como gesto de buena voluntad" if language == "es" else "As a gesture of goodwill") in (
        text
    )


@pytest.mark.parametrize("stake_on", [date(2027, 1, 20), date(2027, 1, 5), None])
@pytest.mark.parametrize("offer_kind", ["discount", "credit", "extra", None])
@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_every_scope_change_variant_passes_the_checker(
    language: str, register: str, offer_kind: str | None, stake_on: date | None
) -> None:
    """All seven elements and no warning (no `blames_client`); without an offer, all but it."""
    notice = make_delay_notice(
        language,
        register,
        project=make_project(language, stake_on=stake_on),
        case=make_scope_change_case(language, offer_due=offer_kind is not None),
        offer=make_offer(language, kind=offer_kind) if offer_kind else None,
    )
    expected = ELEMENTS if offer_kind else ELEMENTS[:-1]
    for body in (notice.text, notice.html):
        report = check.check(body, lang=language)
        assert [name for name in expected if not report.elements[name].present] == []
        assert list(report.warnings) == []


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_our_own_delay_still_owns_the_problem(language: str, register: str) -> None:
    notice = make_delay_notice(language, register)
    assert ("identificado el problema" if language == "es" else "identified the problem") in (
        notice.text
    )


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_a_bare_scope_change_notice_still_passes(language: str, register: str) -> None:
    """Two plain steps, no stake date, nothing offered: every element but compensation."""
    steps = (
        ("traducir las fichas de producto", "probar la versión en inglés en paralelo")
        if language == "es"
        else ("translate the product pages", "test the Spanish version in parallel")
    )
    notice = make_delay_notice(
        language,
        register,
        project=make_project(language, stake_on=None),
        case=make_scope_change_case(language, recovery_steps=steps, offer_due=False),
        offer=None,
    )
    for body in (notice.text, notice.html):
        report = check.check(body, lang=language)
        assert [name for name in ELEMENTS[:-1] if not report.elements[name].present] == []
        assert list(report.warnings) == []


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_a_scope_change_that_moves_a_date_again_tells_the_change_not_a_fault_fixed(
    language: str, register: str
) -> None:
    # A re-slip says it is the second change of date (and apologises for it), but what the
    # client asked for is still told as their change, not as "the problem is under control".
    notice = _notice(language, register, "discount", earlier_promised_on=(date(2026, 12, 1),))
    fault_fixed = ("under control", "identified the problem", "bajo control", "identificado")
    for body in (notice.text, notice.html):
        assert [words for words in fault_fixed if words in body] == []
    assert ("second time" if language == "en" else "segunda vez") in notice.text
    report = check.check(notice.text, lang=language)
    assert [name for name in ELEMENTS if not report.elements[name].present] == []
    assert list(report.warnings) == []
