"""Date-line labels never overlap each other, never leave the chart, never cover the plot."""

from __future__ import annotations

import random

import pytest

from plazo.core.chart_labels import MarkerLabel, place_labels, rows_used


def _no_overlaps(boxes, gap: float = 0.0) -> bool:  # type: ignore[no-untyped-def]
    return not any(a.overlaps(b, gap) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def test_two_labels_on_nearly_the_same_day_go_to_two_rows() -> None:
    labels = [MarkerLabel("promised", 500, 60), MarkerLabel("stake", 502, 90)]
    boxes = place_labels(labels, left=0, right=720)
    assert rows_used(boxes) == 2
    assert _no_overlaps(boxes)


def test_labels_far_apart_share_the_first_row() -> None:
    labels = [MarkerLabel("today", 100, 40), MarkerLabel("promised", 400, 60)]
    boxes = place_labels(labels, left=0, right=720)
    assert [b.row for b in boxes] == [0, 0]


def test_a_label_at_the_right_edge_is_placed_to_the_left_of_its_line() -> None:
    [box] = place_labels([MarkerLabel("stake", 700, 90)], left=0, right=720, pad=3)
    assert box.anchor == "end"
    assert box.right == 697
    assert box.left >= 0


@pytest.mark.parametrize("seed", range(200))
def test_crowded_random_labels_never_overlap_and_stay_inside(seed: int) -> None:
    rng = random.Random(seed)
    labels = [
        MarkerLabel(f"m{i}", rng.uniform(0, 720), rng.uniform(20, 300))
        for i in range(rng.randint(2, 8))
    ]
    boxes = place_labels(labels, left=0, right=720, gap=6)
    assert _no_overlaps(boxes, gap=6)
    assert all(0 <= b.left <= b.right <= 720 for b in boxes)
    assert len(boxes) == len(labels)
