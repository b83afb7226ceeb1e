"""The timeline chart's geometry: exact points for a small project, and invariants."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from plazo.core.scope import ScopeItem as ItemSpan
from plazo.core.scope import done_hours, scope_hours
from plazo.web.charts import PHONE_WIDTH, WIDTH, TimelineInput, timeline_chart

START, TODAY = date(2026, 11, 1), date(2026, 11, 21)


def _xs(points: str) -> list[float]:
    return [float(p.split(",")[0]) for p in points.split()]


def _ys(points: str) -> list[float]:
    return [float(p.split(",")[1]) for p in points.split()]


def test_done_and_scope_are_steps_at_completion_addition_and_removal_days() -> None:
    items = [
        ItemSpan(10, START, completed_on=date(2026, 11, 11)),
        ItemSpan(10, START),
        ItemSpan(20, date(2026, 11, 6), removed_on=date(2026, 11, 16)),
    ]
    chart = timeline_chart(TimelineInput(START, TODAY, items))

    # 20 days plus 5 % room = 21 day-widths over 644 px (30.67 px a day from x = 60); 40 h on
    # top, at y = 30: below one row of date-line labels (today's).
    assert chart.done_points == "60.0,264.0 366.7,264.0 366.7,205.5 673.3,205.5"
    assert chart.scope_points == (
        "60.0,264.0 60.0,264.0 60.0,147.0 213.3,147.0 213.3,30.0 520.0,30.0 520.0,147.0 673.3,147.0"
    )
    assert (chart.done_hours, chart.scope_hours) == (10.0, 20.0)
    assert [t.value for t in chart.y_ticks] == [0, 10, 20, 30, 40]
    assert chart.fan_points == ""
    assert chart.p85_line is None


def test_the_fan_runs_from_today_to_p50_and_p95_at_the_scope() -> None:
    items = [ItemSpan(8, START, completed_on=date(2026, 11, 5)), ItemSpan(8, START)]
    data = TimelineInput(
        START,
        TODAY,
        items,
        promised_on=date(2026, 12, 1),
        stake_on=date(2026, 12, 10),
        finish_p50_on=date(2026, 11, 28),
        finish_p85_on=date(2026, 12, 3),
        finish_p95_on=date(2026, 12, 8),
    )
    chart = timeline_chart(data)

    today_x, p50_x, p95_x = _xs(chart.fan_points)
    markers = {m.kind: m.x for m in chart.markers}
    assert today_x == markers["today"] < p50_x < p95_x
    assert _ys(chart.fan_points)[1] == _ys(chart.fan_points)[2] == _ys(chart.scope_points)[-1]
    assert chart.p85_line is not None
    assert p50_x < chart.p85_line[2] < p95_x
    assert markers["today"] < markers["promised"] < markers["stake"] <= chart.right


def test_every_point_stays_inside_the_plot_and_time_only_moves_forward() -> None:
    items = [
        ItemSpan(
            float(3 + i % 7), START + timedelta(days=i % 9), completed_on=START + timedelta(days=i)
        )
        if i % 2
        else ItemSpan(5.0, START - timedelta(days=3), removed_on=START + timedelta(days=i + 1))
        for i in range(15)
    ]
    chart = timeline_chart(
        TimelineInput(
            START, TODAY, items, finish_p50_on=date(2027, 1, 9), finish_p95_on=date(2027, 2, 1)
        )
    )
    for points in (chart.done_points, chart.scope_points, chart.fan_points):
        xs, ys = _xs(points), _ys(points)
        assert all(chart.left <= x <= chart.right for x in xs)
        assert all(chart.top <= y <= chart.bottom for y in ys)
    assert _xs(chart.done_points) == sorted(_xs(chart.done_points))
    assert _ys(chart.done_points) == sorted(_ys(chart.done_points), reverse=True)  # never undone


def test_an_empty_project_draws_flat_lines_and_a_sane_axis() -> None:
    chart = timeline_chart(TimelineInput(START, START, []))
    assert set(_ys(chart.done_points)) == {chart.bottom}
    assert chart.y_ticks[-1].value == 4  # one hour at least, rounded up to four steps


def test_labels_of_lines_past_the_middle_end_at_their_line() -> None:
    data = TimelineInput(START, TODAY, [], promised_on=date(2026, 12, 20))
    anchors = {m.kind: m.anchor for m in timeline_chart(data).markers}
    assert anchors == {"today": "start", "promised": "end"}


def test_the_dashboard_chart_puts_crowded_labels_above_the_plot_without_overlaps() -> None:
    today = date(2026, 12, 1)
    chart = timeline_chart(
        TimelineInput(
            start_on=date(2026, 9, 1),
            today=today,
            items=[ItemSpan(8.0, date(2026, 9, 1), completed_on=date(2026, 10, 1))] * 5,
            promised_on=today + timedelta(days=1),
            stake_on=today + timedelta(days=2),
            finish_p50_on=today + timedelta(days=3),
            finish_p85_on=today + timedelta(days=5),
            finish_p95_on=today + timedelta(days=8),
        ),
        {"today": "today", "promised": "promised", "stake": "client needs it"},
    )
    assert [m.label for m in chart.markers] == ["today", "promised", "client needs it"]
    assert all(m.label_y < chart.top for m in chart.markers)  # the fan is drawn below top
    fan_ys = [float(p.split(",")[1]) for p in chart.fan_points.split()]
    assert min(fan_ys) >= chart.top
    boxes = []
    for m in chart.markers:
        width = len(m.label) * 6.8
        left = m.label_x if m.anchor == "start" else m.label_x - width
        boxes.append((round(m.label_y), left, left + width))
    for i, (row_a, left_a, right_a) in enumerate(boxes):
        for row_b, left_b, right_b in boxes[i + 1 :]:
            assert row_a != row_b or right_a <= left_b or right_b <= left_a


def test_a_phone_chart_is_drawn_narrow_with_three_dates_and_its_labels_inside_it() -> None:
    data = TimelineInput(
        START,
        TODAY,
        [ItemSpan(8, START)],
        promised_on=date(2026, 12, 1),
        stake_on=date(2026, 12, 3),
    )
    words = {"today": "hoy", "promised": "prometida", "stake": "el cliente lo necesita"}
    chart = timeline_chart(data, words, width=PHONE_WIDTH)

    assert (chart.width, chart.right) == (380, 364.0)
    assert [t.value for t in chart.x_ticks] == [START, date(2026, 11, 17), date(2026, 12, 3)]
    assert max(_xs(chart.scope_points)) <= chart.right
    for m in chart.markers:
        width = len(m.label) * 6.8
        left = m.label_x if m.anchor == "start" else m.label_x - width
        assert left >= 0
        assert left + width <= chart.width


def _height_on(points: str, x: float, *, bottom: float, per_hour: float) -> float:
    """The hours a step line stands at on ``x`` (the last point at or before it)."""
    height = 0.0
    for px, py in zip(_xs(points), _ys(points), strict=True):
        if px <= x:
            height = round((bottom - py) / per_hour, 6)
    return height


def test_work_done_before_its_item_entered_the_plan_counts_on_the_day_it_entered() -> None:
    """An item finished before it was typed in (an import, a backdated completion) is done
    from the day it entered the scope: both lines step on that day, and done never stands above
    scope or lags behind it."""
    backdated = ItemSpan(8, date(2026, 11, 10), completed_on=date(2026, 11, 4))
    items = [ItemSpan(4, START, completed_on=date(2026, 11, 18)), ItemSpan(6, START), backdated]
    chart = timeline_chart(TimelineInput(START, TODAY, items))
    per_hour = (chart.bottom - chart.top) / chart.y_ticks[-1].value
    day_width = (chart.right - chart.left) / ((TODAY - START).days * 1.05)
    for offset in range((TODAY - START).days + 1):
        day = START + timedelta(days=offset)
        x = round(chart.left + offset * day_width, 1)
        done = _height_on(chart.done_points, x, bottom=chart.bottom, per_hour=per_hour)
        scope = _height_on(chart.scope_points, x, bottom=chart.bottom, per_hour=per_hour)
        assert done <= scope, day
        assert done == pytest.approx(done_hours(items, day), abs=0.1), day
        assert scope == pytest.approx(scope_hours(items, day), abs=0.1), day


@pytest.mark.parametrize("width", [WIDTH, PHONE_WIDTH])
@pytest.mark.parametrize(
    "words",
    [
        {"today": "hoy", "promised": "Fecha prometida", "stake": "Tu fecha clave"},
        {"today": "today", "promised": "Promised date", "stake": "Your key date"},
    ],
)
def test_date_line_labels_keep_the_plots_right_margin(width: int, words: dict[str, str]) -> None:
    # Finding 10: the last date line's label ran to the frame's right edge.
    data = TimelineInput(
        START,
        TODAY,
        [ItemSpan(8, START)],
        promised_on=date(2026, 12, 1),
        stake_on=date(2026, 12, 3),
        finish_p95_on=date(2026, 12, 2),
    )
    chart = timeline_chart(data, words, width=width)
    for m in chart.markers:
        label_width = len(m.label) * 6.8
        left = m.label_x if m.anchor == "start" else m.label_x - label_width
        assert left + label_width <= chart.right, m
