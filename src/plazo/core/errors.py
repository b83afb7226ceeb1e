"""The one base of every refusal plazo explains to a person.

A domain rule that says no (a promise in the past, a case that is no longer a draft, an offer over
its cap) raises a :class:`PlazoError` subclass with a stable ``code``. Views, the admin, the API and
the CLI catch ``PlazoError`` and show its message; anything else is a bug and is never dressed up
as advice.
"""

from __future__ import annotations

__all__ = ["PlazoError"]


class PlazoError(Exception):
    """A refusal with a message for the person and a ``code`` for programs (the API, tests)."""

    code = "refused"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
