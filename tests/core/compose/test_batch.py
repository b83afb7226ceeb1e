"""Composing many weekly updates gives the same messages, in order, with or without a pool."""

from __future__ import annotations

from dataclasses import replace

from plazo.core.compose import WeeklyUpdateInput, compose_weekly_updates
from tests.core.compose.factories import (
    SENT_AT,
    make_client,
    make_contacts,
    make_forecast,
    make_organisation,
    make_project,
    make_updates,
)


def inputs(count: int) -> list[WeeklyUpdateInput]:
    base = WeeklyUpdateInput(
        organisation=make_organisation(),
        client=make_client(),
        contacts=make_contacts(),
        project=make_project(),
        forecast=make_forecast(),
        updates=make_updates(),
        sent_at=SENT_AT,
    )
    return [replace(base, project=make_project(key=f"p{i}")) for i in range(count)]


def test_pool_and_serial_give_the_same_messages_in_order() -> None:
    items = inputs(8)
    serial = compose_weekly_updates(items)
    pooled = compose_weekly_updates(items, processes=2, chunk_size=2)
    assert pooled == serial
    assert [m.message_id for m in serial][:2] == [
        "<plazo.p0.weekly-2026-W49@estudionorte.es>",
        "<plazo.p1.weekly-2026-W49@estudionorte.es>",
    ]
