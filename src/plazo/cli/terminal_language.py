"""The language a command speaks at the terminal: the machine's, when plazo has it.

The same variables as GNU gettext, in its order: ``LANGUAGE`` (a list such as ``es:en``, the
explicit override), then ``LC_ALL``, ``LC_MESSAGES`` and ``LANG``. A machine in a language plazo
does not speak (or the C locale) gets English.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

__all__ = ["SPOKEN", "terminal_language"]

SPOKEN = ("en", "es")


def _language(locale_name: str) -> str | None:
    code = locale_name.split(".")[0].split("@")[0].split("_")[0].lower()
    return code if code in SPOKEN else None


def terminal_language(environ: Mapping[str, str] = os.environ) -> str:
    """ "es" on an ``es_ES.UTF-8`` machine, "en" on ``en_GB.UTF-8`` or ``C``; ``LANGUAGE`` first."""
    if environ.get("LC_ALL", "") not in ("C", "POSIX"):  # gettext ignores LANGUAGE under C
        for entry in environ.get("LANGUAGE", "").split(":"):
            if entry and (found := _language(entry)):
                return found
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if value:
            return _language(value) or "en"
    return "en"
