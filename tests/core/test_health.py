"""Health follows the forecast: on track, at risk (the early-warning triggers), late."""

from datetime import date

import pytest

from plazo.core.health import Health, assess_health, estimates_do_not_fit, promise_under_review

TODAY = date(2026, 12, 1)
PROMISE = date(2026, 12, 18)


def _health(p: float, p85: date | None = date(2026, 12, 10), promised: date = PROMISE) -> Health:
    return assess_health(
        today=TODAY, promised_on=promised, p_on_time=p, finish_p85_on=p85, risk_threshold=0.7
    )


def test_a_likely_and_comfortable_project_is_on_track() -> None:
    assert _health(0.93) is Health.ON_TRACK


def test_probability_below_the_threshold_is_at_risk() -> None:
    assert _health(0.65) is Health.AT_RISK


def test_a_p85_past_the_promise_is_at_risk_even_with_a_high_probability() -> None:
    assert _health(0.8, p85=date(2026, 12, 21)) is Health.AT_RISK


def test_more_likely_late_than_not_is_late() -> None:
    assert _health(0.4) is Health.LATE


def test_with_no_task_done_yet_estimates_that_do_not_fit_are_at_risk_not_late() -> None:
    """Day 0 (walk 6, M12): nothing is finished, so nothing is late; the estimates at the
    planned capacity missing the promise is a risk known from the start."""

    def day_zero(p: float, promised: date = PROMISE) -> Health:
        return assess_health(
            today=TODAY,
            promised_on=promised,
            p_on_time=p,
            finish_p85_on=date(2026, 12, 28),
            risk_threshold=0.7,
            pace_measured=False,
        )

    assert day_zero(0.0) is Health.AT_RISK
    assert estimates_do_not_fit(
        today=TODAY, promised_on=PROMISE, p_on_time=0.0, pace_measured=False
    )
    assert day_zero(0.6) is Health.AT_RISK
    assert not estimates_do_not_fit(
        today=TODAY, promised_on=PROMISE, p_on_time=0.6, pace_measured=False
    )
    # a pace measured: late as before; a promise already past: late whatever was done
    assert not estimates_do_not_fit(
        today=TODAY, promised_on=PROMISE, p_on_time=0.0, pace_measured=True
    )
    assert day_zero(1.0, promised=date(2026, 11, 30)) is Health.LATE
    assert not estimates_do_not_fit(
        today=TODAY, promised_on=date(2026, 11, 30), p_on_time=0.0, pace_measured=False
    )


def test_a_passed_promise_is_late() -> None:
    assert _health(1.0, promised=date(2026, 11, 30)) is Health.LATE


def test_a_probability_outside_0_1_is_refused() -> None:
    with pytest.raises(ValueError, match="probability"):
        _health(1.2)


def test_only_an_on_track_forecast_is_told_as_a_promise_under_review() -> None:
    # The notice in review raises "on track" to "at risk"; the update then says the date is
    # under review, since its own forecast line meets the promise (finding 6).
    assert promise_under_review(Health.ON_TRACK, notice_in_review=True)
    assert not promise_under_review(Health.ON_TRACK, notice_in_review=False)
    assert not promise_under_review(Health.AT_RISK, notice_in_review=True)
    assert not promise_under_review(Health.LATE, notice_in_review=True)
