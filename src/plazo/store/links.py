"""Links that messages carry back into plazo: one builder, registered once by the web app.

The store composes owner alerts that point at pages, but it must not know the web's URL names or
paths. It asks :func:`links` for them; ``plazo.web`` registers its builder when Django starts
(``WebConfig.ready``), so every process that loads the settings — web, worker, CLI — has it.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["Links", "links", "register_links"]


class Links(Protocol):
    """Absolute URLs of the pages a message links to."""

    def delay_case(self, case_id: int) -> str: ...

    def project(self, project_id: int) -> str: ...

    def outbox(self) -> str: ...

    def week(self) -> str: ...

    def invitation(self, uidb64: str, token: str) -> str: ...

    def password_reset(self, uidb64: str, token: str) -> str: ...

    def login(self) -> str: ...


_registered: list[Links] = []


def register_links(builder: Links) -> None:
    """Make ``builder`` the one that every message's links come from (replaces any earlier)."""
    _registered[:] = [builder]


def links() -> Links:
    """The registered builder; an error when no web app registered one (a set-up bug)."""
    if not _registered:
        raise RuntimeError("no link builder registered: add 'plazo.web' to INSTALLED_APPS")
    return _registered[0]
