"""Filters for the dashboard templates: translated labels, dates and percentages, memoised.

The portfolio prints thousands of these; the same few labels and dates repeat, so each is formatted
once per language (and time zone) instead of once per cell.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Any

from babel.dates import get_timezone_location
from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.formats import number_format
from django.utils.translation import get_language

from plazo.core.compose.formats import labels_for, supported_languages
from plazo.core.compose.splicing import finish_text
from plazo.core.regional import month_first, twelve_hour
from plazo.web import reading_locale
from plazo.web.forecast_reasons import model_reason_text
from plazo.web.forms.widgets import number_value
from plazo.web.labels import LABELS
from plazo.web.promise_reasons import promise_reason_text

__all__ = [
    "DATE_PATTERNS",
    "MONTH_FIRST_PATTERNS",
    "contractions",
    "day",
    "input_number",
    "label",
    "model_name",
    "model_reason",
    "moment",
    "negate",
    "percent",
    "plural_count",
    "promise_reason",
    "speech",
    "updates_waiting",
    "with_id",
    "zone_place",
]

register = template.Library()

# One date format per language everywhere on the dashboard and the status page ("23 Dec 2026",
# "23 dic 2026"); "weekday" adds the day's name, "moment" the time. Django's "M" capitalises
# Spanish months ("Dic"), hence "b" (lower case) for Spanish.
DATE_PATTERNS: dict[str, dict[str, str]] = {
    "en": {
        "day": "j M Y",
        "weekday": "l j M Y",
        "short": "j M",
        "month": "M Y",
        "month_short": "M",
        "moment": "j M Y H:i",
        "checkin": "D j M, H:i",
    },
    "es": {
        "day": "j b Y",
        "weekday": "l j b Y",
        "short": "j b",
        "month": "b Y",
        "month_short": "b",
        "moment": "j b Y H:i",
        "checkin": "D j b, H:i",
    },
}

# The same for a page whose locale writes the month first (English in the United States:
# "Dec 23, 2026"); the page's locale is :mod:`plazo.web.reading_locale`'s.
MONTH_FIRST_PATTERNS: dict[str, dict[str, str]] = {
    "en": {
        **DATE_PATTERNS["en"],
        "day": "M j, Y",
        "weekday": "l, M j, Y",
        "short": "M j",
        "moment": "M j, Y H:i",
        "checkin": "D M j, H:i",
    },
}


# A 24-hour time in the patterns above, and the same on a 12-hour clock: "3:30 PM" in English,
# "3:30 p.m." in Spanish (Mexico, Colombia…).
_TWENTY_FOUR_HOUR = "H:i"
_TWELVE_HOUR = {"en": "g:i A", "es": "g:i a"}


def _pattern(style: str, language: str | None, locale: str | None = None) -> str:
    """The pattern for ``style`` in ``language``, month first and on a 12-hour clock where
    ``locale`` writes them so; anything else is taken as a Django date pattern (templates
    written before the styles existed keep working)."""
    code = (language or "en")[:2]
    patterns = DATE_PATTERNS.get(code, DATE_PATTERNS["en"])
    if locale is not None and month_first(locale):
        patterns = MONTH_FIRST_PATTERNS.get(code, patterns)
    pattern = patterns.get(style, style)
    if locale is not None and twelve_hour(locale):
        pattern = pattern.replace(_TWENTY_FOUR_HOUR, _TWELVE_HOUR.get(code, _TWELVE_HOUR["en"]))
    return pattern


@register.filter
def plural_count(value: float | int) -> int:
    """A number as a plural form's count (``{% blocktrans count %}`` wants an integer): a whole
    number as itself, a fraction as 2, since "1.5 working days" is plural in English and Spanish
    (gettext's plural formulas take integers only)."""
    number = float(value)
    return int(number) if number.is_integer() else 2


@register.filter
def model_reason(forecast: Any) -> str:
    """Which model the forecast used and why, in the page's language."""
    return model_reason_text(forecast.model_reason, forecast.model)


@register.filter
def model_name(code: str) -> str:
    """A forecast model's name in the active language ("sized" → "por tamaño de tarea"): the
    words the owner alert uses, from the composer's labels."""
    language = (get_language() or "en")[:2]
    if language not in supported_languages():
        language = "en"
    return str(labels_for(language)["model"].get(code, code))


@register.filter
def label(code: str, group: str) -> str:
    """The translated word for ``code`` in ``group`` (e.g. ``"at_risk"|label:"health"``)."""
    return _label(code, group, get_language())


@lru_cache(maxsize=512)
def _label(code: str, group: str, language: str | None) -> str:
    return str(LABELS.get(group, {}).get(code, code))


@register.filter
def day(value: date | datetime | None, style: str = "day") -> str:
    """A date (or the local date of an instant) in the active language's one format, month
    first where the page's locale writes it so ("Dec 23, 2026" in the United States).

    ``style`` is ``day`` ("23 Dec 2026"), ``weekday`` ("Wednesday 23 Dec 2026"), ``short``
    ("23 Dec", for chart axes), ``month`` ("Dec 2026") or ``month_short``; empty when missing.
    """
    if not isinstance(value, date):
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    language = get_language()
    return _format(value, _pattern(style, language, reading_locale.current()), language)


@register.filter
def moment(value: datetime | None, style: str = "moment") -> str:
    """An instant in the current time zone and the active language, to the minute.

    ``style`` is ``moment`` ("23 Dec 2026 09:30") or ``checkin`` ("Wed 23 Dec, 09:30"); on a
    12-hour clock where the page's locale tells the time so ("Dec 23, 2026 9:30 AM" in the US).
    """
    if not isinstance(value, datetime):
        return ""
    local = timezone.localtime(value).replace(second=0, microsecond=0, tzinfo=None)
    language = get_language()
    return _format(local, _pattern(style, language, reading_locale.current()), language)


@register.filter
def clock(value: datetime | None) -> str:
    """The time of day of an instant in the current time zone, on the clock of the page's
    locale: "15:30", or "3:30 PM" where it tells the time so (the United States)."""
    if not isinstance(value, datetime):
        return ""
    local = timezone.localtime(value).replace(second=0, microsecond=0, tzinfo=None)
    language = get_language()
    return _format(local, _pattern(_TWENTY_FOUR_HOUR, language, reading_locale.current()), language)


@lru_cache(maxsize=4096)
def _format(value: date, pattern: str, language: str | None) -> str:
    return str(format_date(value, pattern))


@register.filter
def zone_place(name: str) -> str:
    """The place a time zone is named after, in the active language ("Buenos Aires" for
    America/Argentina/Buenos_Aires, "Ciudad de México" in Spanish for America/Mexico_City);
    the name itself for UTC or a zone CLDR does not know."""
    return _zone_place(name or "", (get_language() or "en")[:2])


@lru_cache(maxsize=256)
def _zone_place(name: str, language: str) -> str:
    try:
        place = get_timezone_location(name, locale=language, return_city=True)
    except (LookupError, ValueError):
        return name
    return str(place) or name


@register.filter
def speech(client: object) -> str:
    """How a client is spoken to, e.g. "Spanish, formal (usted)", in the active language."""
    language = getattr(client, "language", "")
    register_ = getattr(client, "register", "")
    return _label(f"{language}:{register_}", "speech", get_language())


@register.filter(is_safe=True)
def contractions(text: str) -> str:
    """A sentence that quotes someone's words, agreeing with them in the active language
    (Spanish "antes de el cierre" → "antes del cierre"); the composer's own rule."""
    return finish_text((get_language() or "en")[:2], text)


@register.filter
def negate(value: int) -> int:
    """``-3`` → ``3``: a count told as "after" rather than "before"."""
    return -value


@register.filter
def input_number(value: Any) -> str:
    """A ``type=number`` input's value: ``1.5`` in every language (never the ``1,50`` a Spanish
    page prints, which Chromium shows as an empty box)."""
    return number_value(value)


@register.filter
def percent(share: object) -> str:
    """``0.734`` → ``73 %``-style text in the active locale; empty when unknown."""
    if not isinstance(share, float | int):  # None, or "" from a missing forecast
        return ""
    return f"{number_format(round(share * 100))} %"


@register.filter
def promise_reason(reason: str) -> str:
    """A promise's reason: translated when plazo wrote it, as written when a person did."""
    return promise_reason_text(reason or "")


@register.filter
def with_id(link: tuple[str, str], pk: int) -> str:
    """``links.done|with_id:item.pk``: a link the view reversed once per page, as the text
    before and after the id, with this row's id put back in."""
    head, tail = link
    return f"{head}{pk}{tail}"


@register.simple_tag(takes_context=True)
def updates_waiting(context: template.Context) -> int:
    """How many of this week's updates wait for approval in the request's organisation (the
    nav's and the portfolio's badge), read once per request."""
    from plazo.store.services.checkins.approvals import waiting_updates

    request = context.get("request")
    organisation = getattr(request, "organisation", None)
    if request is None or organisation is None:
        return 0
    if not hasattr(request, "plazo_updates_waiting"):
        request.plazo_updates_waiting = len(waiting_updates(organisation, now=timezone.now()))
    return int(request.plazo_updates_waiting)
