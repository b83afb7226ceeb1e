"""What is wrong with a policy document, line by line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from plazo.core.errors import PlazoError

__all__ = ["PolicyError", "PolicyIssue"]


@dataclass(frozen=True, order=True)
class PolicyIssue:
    """One problem at a 1-based line and column of the document.

    ``message`` is in English (the CLI's and the API's); ``code`` and ``fields`` name the phrase
    it was written from (``phrases/<lang>.toml``, section ``error``), so :meth:`describe` can say
    it in another language; ``key`` is the dotted key it is about ("" for the whole document).
    """

    line: int
    column: int
    message: str
    key: str = field(default="", compare=False)
    code: str = field(default="", compare=False)
    fields: tuple[tuple[str, object], ...] = field(default=(), compare=False)

    def format(self, source: str) -> str:
        """The compiler-style ``FILE:LINE:COL: message`` form editors can jump to."""
        return f"{source}:{self.line}:{self.column}: {self.message}"

    def describe(self, lang: str) -> str:
        """The problem in ``lang`` (English words for a problem without a code)."""
        if not self.code:
            return self.message
        from plazo.core.policy.phrases import issue_text  # phrases → Babel, only when asked

        return issue_text(lang, self.key, self.code, dict(self.fields))


class PolicyError(PlazoError):
    """A policy document that cannot be used; ``errors`` holds every problem found, in order."""

    def __init__(self, errors: Sequence[PolicyIssue], *, source: str = "<policy>") -> None:
        self.errors = sorted(errors)
        self.source = source
        super().__init__("\n".join(issue.format(source) for issue in self.errors))
