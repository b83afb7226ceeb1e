"""The checker's evidence as runs of text to mark: the template escapes each run as it prints it."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from plazo.core.check import CheckReport

__all__ = ["Run", "highlight"]


@dataclass(frozen=True)
class Run:
    """A stretch of the message and what the checker saw there (nothing: plain text)."""

    text: str
    elements: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def css(self) -> str:
        """The class of the mark: a warning wins over an element, the first element names it."""
        if self.warnings:
            return f"warn {self.warnings[0]}"
        return f"el {self.elements[0]}" if self.elements else ""


def highlight(text: str, report: CheckReport) -> list[Run]:
    """Split ``text`` where any evidence or warning span starts or ends (spans may overlap)."""
    spans: list[tuple[int, int, str, bool]] = [
        (span.start, span.end, name, False)
        for name, result in report.elements.items()
        for span in result.evidence
    ]
    spans += [(w.start, w.end, w.code, True) for w in report.warnings]
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    runs: list[Run] = []
    for start, end in itertools.pairwise(cuts):
        if start >= end or end > len(text):
            continue
        inside = [(name, warn) for s, e, name, warn in spans if s <= start and end <= e]
        run = Run(
            text[start:end],
            tuple(dict.fromkeys(name for name, warn in inside if not warn)),
            tuple(dict.fromkeys(name for name, warn in inside if warn)),
        )
        if runs and (runs[-1].elements, runs[-1].warnings) == (run.elements, run.warnings):
            runs[-1] = Run(runs[-1].text + run.text, run.elements, run.warnings)
        else:
            runs.append(run)
    return runs
