"""A second (third…) slip is told as such: which change of date, every date promised, what is
different this time, and why the new date holds. Nobody slips twice in silence."""

from __future__ import annotations

from datetime import date

import pytest

from plazo.core.compose import DateSupport
from plazo.core.compose.message import Message
from tests.core.compose.factories import (
    VARIANTS,
    make_case,
    make_delay_notice,
)

FIRST, SECOND = date(2026, 11, 20), date(2026, 12, 1)  # promised before the factories' 15 Dec
PREVIOUS = date(2026, 12, 15)
DATES = {
    "es": ("20 de noviembre de 2026", "1 de diciembre de 2026", "15 de diciembre de 2026"),
    "en": ("November 20, 2026", "December 1, 2026", "December 15, 2026"),
}
ONCE_MORE = {"es": "otra vez", "en": "again"}


def _notice(
    language: str,
    register: str,
    earlier: tuple[date, ...],
    chance: float | None = None,
    support: DateSupport = DateSupport.NO_FORECAST,
) -> Message:
    return make_delay_notice(
        language,
        register,
        case=make_case(
            language, earlier_promised_on=earlier, new_on_chance=chance, new_on_support=support
        ),
        sequence=2,
    )


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_a_second_slip_says_it_is_the_second_change_and_names_the_original_date(
    language: str, register: str
) -> None:
    message = _notice(language, register, (SECOND,))
    first, previous = DATES[language][1], DATES[language][2]
    if language == "es":
        assert "vamos a cambiar de nuevo la fecha de entrega" in message.text
        assert "es la segunda vez que lo hacemos" in message.text
        assert f"prometimos entregarlo el {first} y después el {previous}" in message.text
        assert "nuevo retraso" in message.subject
    else:
        assert "again: this is the second time" in message.text
        assert f"We promised it for {first} and then for {previous}" in message.text
        assert "delayed again" in message.subject
    for body in (message.text, message.html):
        assert first in body
        assert previous in body


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_a_third_slip_counts_and_lists_every_date(language: str, register: str) -> None:
    text = _notice(language, register, (FIRST, SECOND)).text
    first, second, previous = DATES[language]
    if language == "es":
        assert "es la tercera vez" in text
        assert f"el {first}, después el {second} y por último el {previous}" in text
    else:
        assert "this is the third time" in text
        assert f"for {first}, then for {second} and finally for {previous}" in text


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_a_re_slip_does_not_repeat_the_wont_happen_again_promise(
    language: str, register: str
) -> None:
    first_slip = _notice(language, register, ()).text
    re_slip = _notice(language, register, (SECOND,)).text
    repeated = "Para que no vuelva a ocurrir" if language == "es" else "does not happen again"
    assert repeated in first_slip
    assert repeated not in re_slip
    different = "qué cambia esta vez" if language == "es" else "what is different this time"
    assert different in re_slip
    prevention = make_case(language).prevention
    assert prevention in re_slip  # the owner's own words say what changes


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_a_re_slip_says_why_the_new_date_holds_when_the_forecast_supports_it(
    language: str, register: str
) -> None:
    text = _notice(language, register, (SECOND,), 0.876, DateSupport.FORECAST).text
    if language == "es":
        assert "Esta vez la fecha no sale de nuestra estimación inicial" in text
        assert "de al menos el 87\u00a0%" in text  # rounded down: "at least" stays true
    else:
        assert "This time the date does not come from our original estimate" in text
        assert "at least 87%" in text


@pytest.mark.parametrize("support", [DateSupport.BELOW_TARGET, DateSupport.NO_FORECAST])
@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_a_re_slip_to_a_date_the_forecast_does_not_support_claims_no_basis(
    language: str, register: str, support: DateSupport
) -> None:
    """A date the owner chose below the confidence target (or with no forecast) is not told as
    worked out from the real pace: the notice leaves the basis out rather than mislead."""
    message = _notice(language, register, (SECOND,), None, support)
    for body in (message.text, message.html):
        for claim in ("estimación inicial", "original estimate", "probabilidad", "chance"):
            assert claim not in body


def test_the_chance_is_given_exactly_when_the_forecast_supports_the_date() -> None:
    with pytest.raises(ValueError, match="exactly when"):
        make_case("en", earlier_promised_on=(SECOND,), new_on_chance=0.4)
    with pytest.raises(ValueError, match="exactly when"):
        make_case("en", earlier_promised_on=(SECOND,), new_on_support=DateSupport.FORECAST)


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_a_first_slip_reads_as_before(language: str, register: str) -> None:
    text = _notice(language, register, ()).text
    for marker in ("segunda vez", "de nuevo", "second time", "again:", "original estimate"):
        assert marker not in text


@pytest.mark.parametrize("earlier", [(), (SECOND,)], ids=["first-slip", "re-slip"])
@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_no_notice_claims_the_situation_is_under_control(
    language: str, register: str, earlier: tuple[date, ...]
) -> None:
    """The owner never wrote "it is under control", and after a slip it was not: the notice says
    what was identified and what changes, nothing more (outsider walk 6, W17)."""
    message = _notice(language, register, earlier)
    for body in (message.text, message.html):
        assert "bajo control" not in body
        assert "under control" not in body
