"""Quality gate: every delay notice plazo composes passes the message checker, in all variants."""

from __future__ import annotations

from datetime import date

import pytest

from plazo.core.compose import DateSupport
from tests.core.compose.factories import (
    VARIANTS,
    make_case,
    make_delay_notice,
    make_offer,
    make_project,
)

checker = pytest.importorskip("plazo.core.check")

ELEMENTS = ("apology", "impact", "assurance", "new_date", "cause", "plan", "compensation")


@pytest.mark.parametrize("offer_kind", ["discount", "credit", "extra"])
@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_delay_notice_has_all_seven_elements_and_no_warning(
    language: str, register: str, offer_kind: str
) -> None:
    message = make_delay_notice(language, register, offer=make_offer(language, kind=offer_kind))
    for body in (message.text, message.html):
        report = checker.check(body, lang=language)
        missing = [name for name in ELEMENTS if not report.elements[name].present]
        assert missing == []
        assert list(report.warnings) == []
        assert report.passes


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_a_bare_notice_still_passes(language: str, register: str) -> None:
    """One recovery step, no stake date, a credit without description: still all seven."""
    step = "revisar el plan cada lunes con usted" if language == "es" else "review the plan weekly"
    message = make_delay_notice(
        language,
        register,
        project=make_project(language, stake_on=None),
        case=make_case(language, recovery_steps=(step,)),
        offer=make_offer(language, kind="credit", description=""),
        sequence=3,
    )
    report = checker.check(message.text, lang=language)
    assert [n for n in ELEMENTS if not report.elements[n].present] == []
    assert list(report.warnings) == []


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_a_notice_with_several_offers_names_each_and_still_passes(
    language: str, register: str
) -> None:
    extra = make_offer(language, kind="extra", description="soporte prioritario")
    message = make_delay_notice(
        language, register, offer=make_offer(language, kind="discount"), extra_offers=(extra,)
    )
    assert "soporte prioritario" in message.text
    assert ("Además" if language == "es" else "On top of that") in message.text
    for body in (message.text, message.html):
        assert checker.check(body, lang=language).passes


@pytest.mark.parametrize(
    "earlier",
    [(date(2026, 12, 1),), (date(2026, 11, 20), date(2026, 12, 1))],
    ids=["second-slip", "third-slip"],
)
@pytest.mark.parametrize(
    ("support", "chance"),
    [
        (DateSupport.NO_FORECAST, None),
        (DateSupport.BELOW_TARGET, None),
        (DateSupport.FORECAST, 0.9),
    ],
    ids=["no-forecast", "below-target", "chance"],
)
@pytest.mark.parametrize(
    "new_on", [date(2027, 1, 12), date(2027, 1, 27)], ids=["before-stake", "after-stake"]
)
@pytest.mark.parametrize("offer_kind", ["discount", "credit", "extra"])
@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_a_re_slip_notice_has_all_seven_elements_and_no_warning(
    language: str,
    register: str,
    offer_kind: str,
    new_on: date,
    support: DateSupport,
    chance: float | None,
    earlier: tuple[date, ...],
) -> None:
    """The re-slip wording (which change of date, what is different, why the date holds) keeps
    every element the checker looks for, on either side of the client's stake."""
    message = make_delay_notice(
        language,
        register,
        case=make_case(
            language,
            new_on=new_on,
            earlier_promised_on=earlier,
            new_on_support=support,
            new_on_chance=chance,
        ),
        offer=make_offer(language, kind=offer_kind),
        sequence=len(earlier) + 1,
    )
    for body in (message.text, message.html):
        report = checker.check(body, lang=language)
        assert [name for name in ELEMENTS if not report.elements[name].present] == []
        assert list(report.warnings) == []
        assert report.passes
