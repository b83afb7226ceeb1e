"""What an import found wrong: one problem per bad value, by line and column."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["ImportRejected", "Problem", "header_problem"]


@dataclass(frozen=True, order=True)
class Problem:
    """One bad value (or missing one) at a 1-based line and column of the file."""

    line: int
    column: int
    message: str
    # The column the problem is about and what is wrong, apart, so a page can name the column
    # in its own words ("Estimate" for ``estimate_hours``); empty for problems of the header.
    field: str = dataclasses.field(default="", compare=False)
    detail: str = dataclasses.field(default="", compare=False)
    # What is wrong as a message-catalogue entry (``detail`` before its values went in, or the
    # whole message for a problem of the header) and those values: the terminal prints the
    # English ``message``, the import page ``gettext(template) % params`` in the reader's
    # language (plazo.web.views.importing). Empty: the message has no catalogue entry.
    template: str = dataclasses.field(default="", compare=False)
    params: Mapping[str, object] = dataclasses.field(default_factory=dict, compare=False)

    def format(self, source: str) -> str:
        """``FILE:LINE:COLUMN: message``, the shape compilers and editors understand."""
        return f"{source}:{self.line}:{self.column}: {self.message}"


def header_problem(line: int, column: int, template: str, **params: object) -> Problem:
    """A problem of the file's shape (no one column's value): ``template % params``."""
    return Problem(line, column, template % params, template=template, params=params)


class ImportRejected(Exception):
    """The file has problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''}; nothing was imported")
