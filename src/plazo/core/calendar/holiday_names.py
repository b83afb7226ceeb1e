"""The public holidays between two days, by name, in the reader's language where the holiday
library has it (its own language otherwise)."""

from __future__ import annotations

from datetime import date

from plazo.core.calendar.holiday_sets import UnknownHolidayCalendar

__all__ = ["named_holidays"]


def _library_language(supported: tuple[str, ...], language: str, country: str) -> str | None:
    """The holiday library's language code for ``language`` ("en" → "en_GB" in the United
    Kingdom, else "en_US"), or None when it has no translation into that language."""
    for candidate in (language, f"{language}_{country}", f"{language}_US", f"{language}_GB"):
        if candidate in supported:
            return candidate
    return next((code for code in supported if code.split("_")[0] == language), None)


def named_holidays(
    country: str, subdivision: str | None, first: date, last: date, *, language: str
) -> list[tuple[date, str]]:
    """Every public holiday of ``country`` (and ``subdivision``) from ``first`` to ``last``
    inclusive, oldest first, with its name in ``language`` where the library has one."""
    import holidays  # imported lazily: it is slow to import and many callers never need it

    code = country.upper()
    years = range(first.year, last.year + 1)
    try:
        kind = type(holidays.country_holidays(code, subdiv=subdivision))
        supported = tuple(getattr(kind, "supported_languages", ()))
        table = holidays.country_holidays(
            code,
            subdiv=subdivision,
            years=years,
            language=_library_language(supported, language, code),
        )
    except (NotImplementedError, ValueError) as error:
        raise UnknownHolidayCalendar(f"no public-holiday calendar for {code!r}: {error}") from error
    return sorted((day, str(name)) for day, name in table.items() if first <= day <= last)
