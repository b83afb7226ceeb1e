"""Fixrest6: on day 0 (no task done, the estimates miss the promise) the owner alert said "needs
a delay notice" / "Hay que avisar … de un retraso", though all that is known is that the
estimates do not fit: it now says that, and to change the plan, the scope or the date first."""

from __future__ import annotations

from html import unescape

import pytest

from tests.core.compose.factories import make_forecast, make_owner_alert

SAYS = {
    "en": (
        "the estimates don't fit before the promised date",
        "Before telling the client of a delay, change the plan, the scope or the date",
        "Estimates don't fit the promise",
    ),
    "es": (
        "las estimaciones no caben antes de la fecha prometida",
        "Antes de avisar al cliente de un retraso, cambia el plan, el alcance o la fecha",
        "Las estimaciones no caben",
    ),
}
DELAY = {"en": "needs a delay notice", "es": "de un retraso en"}


@pytest.mark.parametrize("language", list(SAYS))
def test_a_day_zero_alert_says_the_estimates_do_not_fit(language: str) -> None:
    forecast = make_forecast(percent_complete=0.0, estimates_short=True)
    message = make_owner_alert(language, forecast=forecast)
    fit, act, subject = SAYS[language]
    for body in (message.text, unescape(message.html)):
        assert fit in body
        assert act in body
        assert DELAY[language] not in body
    assert message.subject.startswith(subject)


@pytest.mark.parametrize("language", list(SAYS))
def test_an_alert_with_a_pace_still_asks_for_the_notice(language: str) -> None:
    message = make_owner_alert(language)
    assert DELAY[language] in message.text
    assert SAYS[language][0] not in message.text
