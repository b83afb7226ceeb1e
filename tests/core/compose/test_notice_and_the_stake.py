"""The notice is honest about the client's stake: before it, on its day and after it."""

from __future__ import annotations

from datetime import date

import pytest

from plazo.core import check
from tests.core.compose.factories import (
    VARIANTS,
    make_case,
    make_delay_notice,
    make_owner_alert,
    make_project,
)

ELEMENTS = ("apology", "impact", "assurance", "new_date", "cause", "plan", "compensation")
STAKE_ON = date(2027, 1, 20)  # the factories' stake: the annual shareholders' meeting
READY = {
    "es": "la web de accionistas y el registro de inversores",
    "en": "the shareholders' site and the investor sign-up",
}
BEFORE, ON, AFTER = date(2027, 1, 12), STAKE_ON, date(2027, 1, 27)


def _notice(language: str, register: str, new_on: date, ready: str = "") -> str:
    message = make_delay_notice(
        language, register, case=make_case(language, new_on=new_on, ready_for_stake=ready)
    )
    for body in (message.text, message.html):
        report = check.check(body, lang=language)
        assert [e for e in ELEMENTS if not report.elements[e].present] == []
        assert list(report.warnings) == []
    return message.text


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_a_date_before_the_stake_still_makes_it_with_less_room(
    language: str, register: str
) -> None:
    text = _notice(language, register, BEFORE)
    assert ("bastante antes" if language == "es" else "well before") not in text
    expected = "sigue llegando antes de esa cita" if language == "es" else "still comes before it"
    assert expected in text
    assert ("no llegaremos a tiempo" if language == "es" else "make it in time") not in text


@pytest.mark.parametrize("new_on", [ON, AFTER], ids=["on-the-stake", "after-the-stake"])
@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_a_date_on_or_after_the_stake_says_it_is_missed_and_what_will_be_ready(
    language: str, register: str, new_on: date
) -> None:
    text = _notice(language, register, new_on, READY[language])
    if language == "es":
        assert "no llegaremos a tiempo" in text
        assert "Sé que contaba" in text
        you = "le" if register == "formal" else "te"
        assert f"Antes de esa fecha sí podremos entregar{you} {READY['es']}." in text
        assert "cuenta con tenerlo" not in text
        assert "cuentas con tenerlo" not in text
    else:
        assert "make it in time" in text
        assert "you were counting on" in text
        assert f"Before that date we can still deliver {READY['en']}." in text


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_without_a_partial_delivery_named_the_notice_promises_what_is_finished(
    language: str, register: str
) -> None:
    text = _notice(language, register, AFTER)
    expected = (
        "todo lo que ya esté terminado" if language == "es" else "everything that is finished"
    )
    assert expected in text


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_a_project_without_a_stake_date_or_text_still_passes(language: str, register: str) -> None:
    for overrides in ({"stake_on": None}, {"stake": "", "stake_on": None}):
        message = make_delay_notice(language, register, project=make_project(language, **overrides))
        assert " antes de ," not in message.text
        assert "before ," not in message.text
        assert check.check(message.text, lang=language).passes


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_owner_alert_says_when_the_recommended_date_misses_the_stake(language: str) -> None:

    def alert(recommended_on: date) -> str:
        return make_owner_alert(
            language, draft_url="https://plazo.example/cases/7/", recommended_on=recommended_on
        ).text

    missed = "lo que el cliente tiene previsto" if language == "es" else "the client is planning"
    assert missed in alert(AFTER)
    assert missed in alert(ON)
    assert missed not in alert(BEFORE)


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_owner_alert_says_plainly_that_the_date_misses_the_stake(language: str) -> None:
    """Not "cae el mismo día o después de lo que el cliente tiene previsto" (outsider walk 6,
    W16): the date no longer comes before what the client planned, named with its day."""
    text = make_owner_alert(
        language, draft_url="https://plazo.example/cases/7/", recommended_on=AFTER
    ).text
    if language == "es":
        assert "ya no llega antes de lo que el cliente tiene previsto: " in text
        assert "el mismo día o después" not in text
    else:
        assert "no longer comes before what the client is planning for: " in text
        assert "on or after" not in text
