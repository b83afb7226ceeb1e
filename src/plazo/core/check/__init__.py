"""The message checker: which of the seven elements a delay message has, and what is wrong."""

from __future__ import annotations

from plazo.core.check.engine import check, check_with, detect_language, language_shares
from plazo.core.check.learned import CheckModel, CheckModelError, default_model, load_model
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
    "CheckModel",
    "CheckModelError",
    "CheckReport",
    "ElementResult",
    "Finding",
    "Span",
    "check",
    "check_with",
    "default_model",
    "detect_language",
    "language_shares",
    "load_model",
]
