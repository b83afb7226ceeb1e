"""The message checker's report in the dashboard's words: one row per element and per warning.

The review page and the *Check a message* page both show what :func:`plazo.core.check.check`
found; the names of the elements and warnings live here, translated at render time.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from plazo.core.check import ELEMENTS, WARNINGS, CheckReport, Finding, Span

__all__ = ["ELEMENT_LABELS", "WARNING_LABELS", "ElementRow", "WarningRow", "report_rows"]

ELEMENT_LABELS: dict[str, Promise] = {
    "apology": gettext_lazy("apology"),
    "impact": gettext_lazy("impact on the client"),
    "assurance": gettext_lazy("problem identified, will not recur"),
    "new_date": gettext_lazy("new date"),
    "cause": gettext_lazy("cause"),
    "plan": gettext_lazy("plan"),
    "compensation": gettext_lazy("compensation"),
}
WARNING_LABELS: dict[str, Promise] = {
    "vague_timing": gettext_lazy("vague timing"),
    "blames_client": gettext_lazy("blames the client"),
    "unknown_date": gettext_lazy("no date committed"),
}


@dataclass(frozen=True)
class ElementRow:
    """One of the seven elements: found or not, and the evidence.

    No probability: the verdict comes from the rules and the model together, so the model's
    number beside "not found" (72 %) read as a contradiction; ``plazo check --json`` has it.
    """

    code: str
    label: Promise
    present: bool
    evidence: tuple[Span, ...]


@dataclass(frozen=True)
class WarningRow:
    """One of the three warnings: raised or not, and where it was raised."""

    code: str
    label: Promise
    raised: bool
    findings: tuple[Finding, ...]


def report_rows(report: CheckReport) -> tuple[list[ElementRow], list[WarningRow]]:
    """Every element and every warning in the checker's order, found or not."""
    elements = [
        ElementRow(
            code,
            ELEMENT_LABELS[code],
            report.elements[code].present,
            report.elements[code].evidence,
        )
        for code in ELEMENTS
    ]
    warnings = [
        WarningRow(
            code,
            WARNING_LABELS[code],
            code in report.warning_codes,
            tuple(w for w in report.warnings if w.code == code),
        )
        for code in WARNINGS
    ]
    return elements, warnings
