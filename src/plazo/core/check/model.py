"""The checker's result types: spans, element results, warnings and the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ELEMENTS",
    "WARNINGS",
    "CheckError",
    "CheckReport",
    "ElementResult",
    "Finding",
    "Span",
]

ELEMENTS: tuple[str, ...] = (
    "apology",
    "impact",
    "assurance",
    "new_date",
    "cause",
    "plan",
    "compensation",
)
WARNINGS: tuple[str, ...] = ("vague_timing", "blames_client", "unknown_date")


class CheckError(ValueError):
    """The input cannot be checked (empty, binary, too large, no language); the message says why.

    ``code`` names the reason for callers that word it themselves (the dashboard, in the
    reader's language): ``empty``, ``language`` (none recognised) or ``invalid`` (the rest).
    """

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Span:
    """Evidence: character offsets into the original input and the visible text there."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of DESIGN §5."""
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class ElementResult:
    """Whether one element is present, with the spans that show it."""

    present: bool
    evidence: tuple[Span, ...] = ()
    probability: float | None = None  # the learned model's; None when the rules alone decided

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of DESIGN §5, plus the model's probability when there is one."""
        data: dict[str, Any] = {
            "present": self.present,
            "evidence": [s.to_dict() for s in self.evidence],
        }
        if self.probability is not None:
            data["probability"] = self.probability
        return data


@dataclass(frozen=True)
class Finding:
    """One warning: its code, where it is and a sentence a person can act on."""

    code: str
    start: int
    end: int
    text: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of DESIGN §5."""
        return {
            "code": self.code,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
        }


@dataclass(frozen=True)
class CheckReport:
    """What the checker found in one message."""

    lang: str
    score: int
    elements: dict[str, ElementResult]
    warnings: tuple[Finding, ...] = field(default=())
    warning_probabilities: dict[str, float] = field(default_factory=dict)

    @property
    def passes(self) -> bool:
        """True when all seven elements are present and there is no warning."""
        return all(r.present for r in self.elements.values()) and not self.warnings

    @property
    def warning_codes(self) -> frozenset[str]:
        """The distinct warning codes raised."""
        return frozenset(f.code for f in self.warnings)

    def to_dict(self) -> dict[str, Any]:
        """The JSON of DESIGN §5, plus the model's probability of each warning when there is one."""
        data: dict[str, Any] = {
            "lang": self.lang,
            "score": self.score,
            "elements": {name: self.elements[name].to_dict() for name in ELEMENTS},
            "warnings": [w.to_dict() for w in self.warnings],
        }
        if self.warning_probabilities:
            data["warning_probabilities"] = dict(self.warning_probabilities)
        return data
