"""Countries by name: CLDR's names in a language, the order a reader expects, and a typed answer
("España", "espana", "Spain", "ES") turned into its ISO 3166 code.

Names are compared and sorted folded: accents dropped and case ignored, so "Bélgica" sorts
between "Belarús" and "Belice", not after "Bután", and "Mexico" finds "México".
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from babel import Locale, UnknownLocaleError

__all__ = ["close_countries", "country_code", "country_names", "folded"]

# CLDR territories that are no country (regions, test codes, "Unknown Region").
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})


def folded(text: str) -> str:
    """``text`` for comparing and sorting: without accents, case-folded ("Bélgica" → "belgica")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=8)
def country_names(language: str) -> tuple[tuple[str, str], ...]:
    """Every country's code and CLDR name in ``language``, in the folded order of the names."""
    try:
        names = Locale.parse(language).territories
    except (UnknownLocaleError, ValueError):
        names = Locale.parse("en").territories
    found = [
        (code, name)
        for code, name in names.items()
        if isinstance(code, str)
        and len(code) == 2
        and code.isalpha()
        and code not in _NOT_COUNTRIES
    ]
    return tuple(sorted(found, key=lambda pair: (folded(pair[1]), pair[1])))


def _comparable(text: str) -> str:
    return " ".join(folded(text).replace("’", "'").replace(".", " ").split())


@lru_cache(maxsize=8)
def _by_name(languages: tuple[str, ...]) -> dict[str, str]:
    table: dict[str, str] = {}
    for language in languages:
        for code, name in country_names(language):
            table.setdefault(_comparable(name), code)
    return table


def country_code(answer: str, languages: Iterable[str] = ("en", "es")) -> str | None:
    """The code of the country ``answer`` names, by code or by its name in one of ``languages``
    (accents and case aside); None when it names none."""
    text = answer.strip()
    known = {code for code, _ in country_names("en")}
    if len(text) == 2 and text.upper() in known:
        return text.upper()
    return _by_name(tuple(languages)).get(_comparable(text))


def close_countries(
    answer: str, languages: Iterable[str] = ("en", "es"), *, limit: int = 3
) -> list[str]:
    """The codes of the countries whose names are closest to ``answer`` (a misspelling, or the
    start of a name), best first; empty when none is close."""
    text = _comparable(answer)
    if len(text) < 3:
        return []
    table = _by_name(tuple(languages))
    names = list(table)
    starting = [name for name in names if name.startswith(text)]
    close = difflib.get_close_matches(text, names, n=limit * 2, cutoff=0.75)
    codes: list[str] = []
    for name in [*starting, *close]:
        if table[name] not in codes:
            codes.append(table[name])
    return codes[:limit]
