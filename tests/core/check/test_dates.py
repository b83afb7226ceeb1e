"""New dates: concrete dates or durations, not the old deadline, not placeholders."""

from __future__ import annotations

import pytest

from tests.core.check.helpers import has


@pytest.mark.parametrize(
    "text",
    [
        "You will have it on March 3rd.",
        "The new delivery date is 15/12.",
        "We will deliver by end of next week.",
        "We can finish within 10 business days.",
        "The new date is Thursday the 20th.",
        "La nueva fecha es el 22 de marzo.",
        "Lo tendrás el próximo lunes.",
        "Estará lista dentro de dos semanas.",
        "Te lo entregamos el jueves 14.",
        "La obra quedará terminada a finales de mes.",
    ],
)
def test_concrete_new_dates_are_found(text: str) -> None:
    assert has(text, "new_date")


def test_the_old_deadline_alone_is_not_a_new_date() -> None:
    text = "The site will not be ready on 14 March as agreed. We apologise."
    assert not has(text, "new_date", "en")


def test_the_old_spanish_deadline_alone_is_not_a_new_date() -> None:
    text = "La fecha prevista era el 31 de enero. Lamentamos el retraso."
    assert not has(text, "new_date", "es")


@pytest.mark.parametrize(
    "text",
    [
        "Your new delivery date is [date].",
        "The new date will be {{date}}.",
        "La nueva fecha es [fecha].",
        "We'll confirm the release on XX/XX.",
    ],
)
def test_placeholders_are_not_dates(text: str) -> None:
    assert not has(text, "new_date")


def test_cannot_commit_to_a_date_is_not_a_new_date() -> None:
    text = "No podemos comprometer una fecha hasta el lunes."
    assert not has(text, "new_date", "es")


def test_the_clients_event_date_is_not_a_new_date() -> None:
    text = "I know your board meeting is on March 3rd. We're sorry for the delay."
    assert not has(text, "new_date", "en")
