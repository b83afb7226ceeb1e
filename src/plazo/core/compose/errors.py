"""The one error the composer raises, with every problem it found."""

from __future__ import annotations

from plazo.core.errors import PlazoError

__all__ = ["ComposeError"]


class ComposeError(PlazoError):
    """Inputs a message cannot be composed from; ``problems`` lists each one in plain words."""

    def __init__(self, problems: list[str] | tuple[str, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__("cannot compose the message: " + "; ".join(self.problems))
