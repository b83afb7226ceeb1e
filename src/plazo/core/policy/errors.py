"""What is wrong with a policy document, line by line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from plazo.core.errors import PlazoError

__all__ = ["PolicyError", "PolicyIssue"]


@dataclass(frozen=True, order=True)
class PolicyIssue:
    """One problem at a 1-based line and column of the document."""

    line: int
    column: int
    message: str

    def format(self, source: str) -> str:
        """The compiler-style ``FILE:LINE:COL: message`` form editors can jump to."""
        return f"{source}:{self.line}:{self.column}: {self.message}"


class PolicyError(PlazoError):
    """A policy document that cannot be used; ``errors`` holds every problem found, in order."""

    def __init__(self, errors: Sequence[PolicyIssue], *, source: str = "<policy>") -> None:
        self.errors = sorted(errors)
        self.source = source
        super().__init__("\n".join(issue.format(source) for issue in self.errors))
