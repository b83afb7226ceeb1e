"""Inputs a message cannot be made from give one clear error that lists every problem."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from plazo.core.compose import (
    ComposeError,
    Contact,
)
from tests.core.compose.factories import (
    make_case,
    make_client,
    make_delay_notice,
    make_forecast,
    make_owner_alert,
    make_project,
    make_weekly_update,
)


def test_a_delay_notice_without_new_date_cause_or_plan_lists_all_three() -> None:
    case = make_case(new_on=None, cause="  ", recovery_steps=())
    with pytest.raises(ComposeError) as caught:
        make_delay_notice(case=case)
    assert caught.value.problems == (
        "the delay case has no new date",
        "the delay case has no cause",
        "the delay case has no plan (recovery steps)",
    )
    assert "no new date; the delay case has no cause" in str(caught.value)


def test_a_delay_notice_needs_assurance_and_an_offer() -> None:
    case = make_case(identified="", prevention="")
    with pytest.raises(ComposeError) as caught:
        make_delay_notice(case=case, offer=None)
    assert caught.value.problems == (
        "the delay case does not say what was identified",
        "the delay case does not say what prevents a recurrence",
        "the delay case has no compensation offer",
    )


def test_a_new_date_must_move_the_promise_forward() -> None:
    with pytest.raises(ComposeError, match="is not after the previous promise"):
        make_delay_notice(case=make_case(new_on=date(2026, 12, 10)))


def test_no_contacts() -> None:
    with pytest.raises(ComposeError, match="project 'Tienda en línea' has no contacts to send to"):
        make_weekly_update(contacts=())


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("", "contact 'Laura' has no e-mail address"),
        ("laura at example.com", "contact 'Laura' has an invalid e-mail address"),
        ("laura@example.com\r\nBcc: x@y.z", "contact 'Laura' has an invalid e-mail address"),
    ],
)
def test_contact_without_a_usable_email(address: str, message: str) -> None:
    with pytest.raises(ComposeError, match=message):
        make_weekly_update(contacts=(Contact("Laura", address),))


def test_unknown_language_names_the_known_ones() -> None:
    with pytest.raises(ComposeError) as caught:
        make_weekly_update(client=make_client(language="fr"))
    assert caught.value.problems == (
        "client 'Harbour Books' has unknown language 'fr': plazo has templates for en, es",
    )


def test_every_problem_is_listed_at_once() -> None:
    with pytest.raises(ComposeError) as caught:
        make_weekly_update(
            client=make_client(language="fr", time_zone="Mars/Olympus"),
            contacts=(),
            project=make_project(owner_email=""),
        )
    assert len(caught.value.problems) == 4


def test_naive_sending_time_is_refused() -> None:
    with pytest.raises(ComposeError, match="time-zone aware"):
        make_weekly_update(sent_at=datetime(2026, 11, 30, 9, 0))


def test_owner_alert_needs_a_web_link() -> None:
    with pytest.raises(ComposeError, match="http"):
        make_owner_alert(client_name="x", draft_url="javascript:alert(1)")


def test_unordered_forecast_is_refused() -> None:
    with pytest.raises(ValueError, match="ordered"):
        replace(make_forecast(), p85_on=date(2026, 12, 1))


def test_a_new_date_in_the_past_is_refused() -> None:
    project = make_project(promised_on=date(2026, 11, 1))
    case = make_case(previous_promised_on=date(2026, 11, 1), new_on=date(2026, 11, 20))
    with pytest.raises(ComposeError, match=r"is before today \(2026-11-30\)"):
        make_delay_notice(project=project, case=case)


def test_a_negative_calendar_sequence_is_refused() -> None:
    with pytest.raises(ComposeError, match="sequence must be >= 0"):
        make_delay_notice(sequence=-1)
