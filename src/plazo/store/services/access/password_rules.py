"""A password rule Django lacks: not like the person's whole name.

Django's ``UserAttributeSimilarityValidator`` compares the password with the first name and the
last name one at a time, so "luciaferrer1" passes for Lucía Ferrer although it is her name run
together. This one compares it with the full name, spaces, punctuation and accents dropped.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from django.contrib.auth.password_validation import exceeds_maximum_length_ratio
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from plazo.core.country_names import folded

__all__ = ["FullNameSimilarityValidator"]


def _letters(text: str) -> str:
    return re.sub(r"\W+", "", folded(text))


class FullNameSimilarityValidator:
    """Refuse a password too like the person's full name (``max_similarity`` as Django's)."""

    def __init__(self, max_similarity: float = 0.7) -> None:
        self.max_similarity = max_similarity

    def validate(self, password: str, user: Any = None) -> None:
        if user is None or not hasattr(user, "get_full_name"):
            return
        whole = _letters(user.get_full_name())
        if len(whole) < 3:
            return
        typed = _letters(password) or password.casefold()
        if exceeds_maximum_length_ratio(typed, self.max_similarity, whole):
            return
        if SequenceMatcher(a=typed, b=whole).quick_ratio() >= self.max_similarity:
            raise ValidationError(
                _("The password is too similar to your name."), code="password_too_similar"
            )

    def get_help_text(self) -> str:
        return _("Your password can’t be too similar to your name.")
