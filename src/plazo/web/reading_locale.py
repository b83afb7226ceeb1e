"""The CLDR locale a page's dates are written in, like the active language and time zone.

The rule is the e-mails' (:func:`plazo.core.regional.date_locale`): a language read in a country.
The dashboard reads the person's language in the organisation's country
(:func:`plazo.web.tenancy.organisation_view`); the status page the client's own locale
(:func:`plazo.store.services.composing.inputs.client_locale`). The ``day`` and ``moment`` filters
read it here: English in the United States writes "Jan 29, 2027", in the United Kingdom
"29 Jan 2027".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["current", "override"]

_current: ContextVar[str | None] = ContextVar("plazo_reading_locale", default=None)


def current() -> str | None:
    """The locale set for this request, or None (outside a request: the language's own
    dashboard patterns, day first)."""
    return _current.get()


@contextmanager
def override(locale: str) -> Iterator[None]:
    """Write dates in ``locale`` inside the block."""
    token = _current.set(locale)
    try:
        yield
    finally:
        _current.reset(token)
