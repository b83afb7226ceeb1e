"""Read a CSV or JSON file into rows that remember where each value came from."""

from __future__ import annotations

import bisect
import csv
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from django.utils.translation import gettext_noop as noop

from plazo.store.services.importing.problems import ImportRejected, Problem, header_problem

__all__ = ["FileFormat", "Row", "Table", "format_for", "read_table"]

FileFormat = Literal["csv", "json"]


@dataclass(frozen=True)
class Row:
    """One record: its values by column name and where each value is.

    CSV rows share one ``column_numbers`` map (a value is on the record's line); JSON rows carry
    the (line, column) of each key.
    """

    line: int
    values: dict[str, str]
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    column_numbers: dict[str, int] = field(default_factory=dict)

    def where(self, column: str) -> tuple[int, int]:
        """Where ``column``'s value is (or where the record starts, when the value is absent)."""
        if column in self.column_numbers:
            return self.line, self.column_numbers[column]
        return self.positions.get(column, (self.line, 1))


@dataclass(frozen=True)
class Table:
    """The rows of a file and the columns it names (with the position of each name)."""

    columns: dict[str, tuple[int, int]]
    rows: list[Row]


def format_for(filename: str) -> FileFormat | None:
    """The format a file name implies by its extension, or None when it implies none."""
    lowered = filename.lower()
    if lowered.endswith(".csv"):
        return "csv"
    if lowered.endswith(".json"):
        return "json"
    return None


def read_table(text: str, file_format: FileFormat) -> Table:
    """Parse ``text``; a file that cannot be read at all raises :class:`ImportRejected`."""
    text = text.removeprefix("\ufeff")  # a BOM from spreadsheet exports is not part of a name
    return _read_csv(text) if file_format == "csv" else _read_json(text)


def _read_csv(text: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Problem] = []
    header: list[str] = []
    numbers: dict[str, int] = {}
    rows: list[Row] = []
    next_line = 1
    try:
        for record in reader:
            line, next_line = next_line, reader.line_num + 1
            if not any(value.strip() for value in record):
                continue  # blank lines are layout, not records
            if not header:
                header = [name.strip().lower() for name in record]
                columns = {name: (line, index + 1) for index, name in enumerate(header)}
                numbers = {name: index + 1 for index, name in enumerate(header)}
                for index, name in enumerate(header):
                    if not name:
                        problems.append(header_problem(line, index + 1, noop("empty column name")))
                    elif columns[name] != (line, index + 1):
                        problems.append(
                            header_problem(
                                line,
                                index + 1,
                                noop("column %(name)s appears twice"),
                                name=repr(name),
                            )
                        )
                continue
            if len(record) > len(header):
                problems.append(
                    header_problem(
                        line,
                        len(header) + 1,
                        noop("%(values)s values but the header names %(columns)s columns"),
                        values=len(record),
                        columns=len(header),
                    )
                )
                continue
            values = {name: value.strip() for name, value in zip(header, record, strict=False)}
            rows.append(Row(line, values, column_numbers=numbers))
    except csv.Error as error:
        problems.append(
            header_problem(reader.line_num or 1, 1, noop("not valid CSV: %(error)s"), error=error)
        )
    if not header and not problems:
        problems.append(header_problem(1, 1, noop("the file is empty; expected a header row")))
    if problems:
        raise ImportRejected(problems)
    return Table({name: (1, index + 1) for index, name in enumerate(header)}, rows)


_WHITESPACE = re.compile(r"\s*")


def _read_json(text: str) -> Table:
    """An array of flat objects; positions come from where each key is written."""
    decoder = json.JSONDecoder()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportRejected(
            [
                header_problem(
                    error.lineno, error.colno, noop("not valid JSON: %(error)s"), error=error.msg
                )
            ]
        ) from None
    except RecursionError:
        raise ImportRejected(
            [header_problem(1, 1, noop("not valid JSON: it is nested too deeply"))]
        ) from None
    if not isinstance(data, list):
        raise ImportRejected([header_problem(1, 1, noop("expected a JSON array of objects"))])
    rows: list[Row] = []
    problems: list[Problem] = []
    columns: dict[str, tuple[int, int]] = {}
    line_column = _Lines(text)
    index = _WHITESPACE.match(text, 0).end() + 1  # type: ignore[union-attr]  # past '['
    for _ in data:  # walk the text again to learn where each element starts and ends
        index = _WHITESPACE.match(text, index).end()  # type: ignore[union-attr]
        if text[index] == ",":
            index = _WHITESPACE.match(text, index + 1).end()  # type: ignore[union-attr]
        element, end = decoder.raw_decode(text, index)
        line, column = line_column(index)
        if not isinstance(element, dict):
            problems.append(
                header_problem(line, column, noop("expected an object with column names as keys"))
            )
        else:
            row = _json_row(text, index, end, element, problems, line_column)
            rows.append(row)
            for name in row.values:
                columns.setdefault(name, row.where(name))
        index = end
    if problems:
        raise ImportRejected(problems)
    return Table(columns, rows)


def _json_row(
    text: str,
    start: int,
    end: int,
    element: dict[str, Any],
    problems: list[Problem],
    line_column: _Lines,
) -> Row:
    line, _ = line_column(start)
    values: dict[str, str] = {}
    positions: dict[str, tuple[int, int]] = {}
    for key, value in element.items():
        name = key.strip().lower()
        found = re.compile(re.escape(json.dumps(key)) + r"\s*:").search(text, start, end)
        positions[name] = line_column(found.start()) if found else (line, 1)
        if value is None:
            values[name] = ""
        elif isinstance(value, bool):
            values[name] = "true" if value else "false"
        elif isinstance(value, int | float | str):
            values[name] = str(value).strip()
        else:
            plain = noop("expected a plain value")
            problems.append(Problem(*positions[name], f"{name}: {plain}", name, plain, plain))
    return Row(line, values, positions)


class _Lines:
    """Line and column of a character offset, by bisecting the offsets of the newlines."""

    def __init__(self, text: str) -> None:
        self.newlines = [match.start() for match in re.finditer("\n", text)]

    def __call__(self, index: int) -> tuple[int, int]:
        before = bisect.bisect_left(self.newlines, index)  # newlines ahead of ``index``
        line_start = self.newlines[before - 1] + 1 if before else 0
        return before + 1, index - line_start + 1
