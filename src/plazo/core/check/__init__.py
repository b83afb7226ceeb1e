"""The message checker: which of the seven elements a delay message has, and what is wrong."""

from __future__ import annotations

from plazo.core.check.engine import check, detect_language, language_shares
from plazo.core.check.model import (
    ELEMENTS,
    WARNINGS,
    CheckError,
    CheckReport,
    ElementResult,
    Finding,
    Span,
)

__all__ = [
    "ELEMENTS",
    "WARNINGS",
    "CheckError",
    "CheckReport",
    "ElementResult",
    "Finding",
    "Span",
    "check",
    "detect_language",
    "language_shares",
]
