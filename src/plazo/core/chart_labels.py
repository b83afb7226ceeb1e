"""Where the labels of a chart's date lines go, so that no two overlap and none leaves the chart.

Used by the dashboard's SVG timeline and the e-mail's PNG chart alike. The labels sit in rows in
a band above the plot (never inside it, where the forecast band and the lines are drawn): each
label beside its line, to the right when it fits, else to the left; a label that would touch one
already placed in a row goes to the next row. Pure: positions and widths in, boxes out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["LabelBox", "MarkerLabel", "place_labels", "rows_used"]


@dataclass(frozen=True)
class MarkerLabel:
    """A label for the vertical line at ``x``; ``width`` in the chart's units (text measured)."""

    key: str
    x: float
    width: float


@dataclass(frozen=True)
class LabelBox:
    """A placed label: its horizontal extent, its row (0 is the one nearest the plot) and anchor.

    ``anchor`` is "start" when the text begins at ``left`` (right of its line) and "end" when it
    ends at ``right`` (left of its line), as SVG's text-anchor and Pillow's "la"/"ra" read it.
    """

    key: str
    left: float
    right: float
    row: int
    anchor: str

    @property
    def text_x(self) -> float:
        """Where the text is anchored."""
        return self.left if self.anchor == "start" else self.right

    def overlaps(self, other: LabelBox, gap: float = 0.0) -> bool:
        """Same row and closer than ``gap`` horizontally."""
        return (
            self.row == other.row
            and self.left < other.right + gap
            and other.left < self.right + gap
        )


def _span(label: MarkerLabel, anchor: str, pad: float) -> tuple[float, float]:
    if anchor == "start":
        return label.x + pad, label.x + pad + label.width
    return label.x - pad - label.width, label.x - pad


def _clamped(span: tuple[float, float], left: float, right: float) -> tuple[float, float]:
    """Shift a span inside ``[left, right]`` (a label wider than the chart starts at ``left``)."""
    start, end = span
    if end > right:
        start, end = start - (end - right), right
    if start < left:
        start, end = left, left + (end - start)
    return start, end


def place_labels(
    labels: Sequence[MarkerLabel],
    *,
    left: float,
    right: float,
    pad: float = 3.0,
    gap: float = 6.0,
) -> list[LabelBox]:
    """Place every label in the first row where it touches no other, in the order given.

    1. Beside its line: to the right (``pad`` away) when that stays within ``[left, right]``,
       else to the left; shifted inside the chart when neither fits.
    2. In each row from the lowest, try that side, then the other; the first free one wins.
    3. A row holds labels at least ``gap`` apart, so a wider row count is the only cost of a
       crowded chart: labels never overlap each other, and the plot keeps them all above it.
    """
    placed: list[LabelBox] = []
    for label in labels:
        start_span = _span(label, "start", pad)
        end_span = _span(label, "end", pad)
        fits_right = start_span[1] <= right
        fits_left = end_span[0] >= left
        sides = ["start", "end"] if fits_right or not fits_left else ["end", "start"]
        row = 0
        while True:
            box = None
            for anchor in sides:
                span = _clamped(start_span if anchor == "start" else end_span, left, right)
                candidate = LabelBox(label.key, span[0], span[1], row, anchor)
                if not any(candidate.overlaps(other, gap) for other in placed):
                    box = candidate
                    break
            if box is not None:
                placed.append(box)
                break
            row += 1
    return placed


def rows_used(boxes: Sequence[LabelBox]) -> int:
    """How many rows the labels need (0 without labels)."""
    return max((box.row for box in boxes), default=-1) + 1
