"""Small helpers for the checker's tests."""

from __future__ import annotations

from plazo.core.check import check

__all__ = ["has", "warns"]


def has(text: str, element: str, lang: str = "auto") -> bool:
    """True when the checker finds ``element`` in ``text``."""
    return check(text, lang=lang).elements[element].present


def warns(text: str, code: str, lang: str = "auto") -> bool:
    """True when the checker raises warning ``code`` on ``text``."""
    return code in check(text, lang=lang).warning_codes
