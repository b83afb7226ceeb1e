"""The one exception a sub-command raises to stop with a clear message and an exit code."""

from __future__ import annotations

__all__ = ["CommandError"]


class CommandError(Exception):
    """A user-facing failure: one clear sentence, no traceback (unless ``--debug``)."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code
