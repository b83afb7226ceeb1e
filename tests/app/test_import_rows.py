"""Reading CSV and JSON into rows that know where each value is (pure, no database)."""

from __future__ import annotations

import pytest

from plazo.store.services.importing import ImportRejected, format_for, read_table


def test_csv_rows_know_their_line_even_after_quoted_newlines_and_blank_lines() -> None:
    text = '\ufeffName,Notes\nAcme,"two\nlines"\n\nBodega,one\n'
    table = read_table(text, "csv")
    assert list(table.columns) == ["name", "notes"]
    assert [(row.line, row.values["name"]) for row in table.rows] == [(2, "Acme"), (5, "Bodega")]
    assert table.rows[1].where("notes") == (5, 2)


def test_a_csv_row_with_more_values_than_columns_is_a_problem() -> None:
    with pytest.raises(ImportRejected) as rejected:
        read_table("name\nAcme,extra\n", "csv")
    assert [(p.line, p.column) for p in rejected.value.problems] == [(2, 2)]


def test_an_empty_file_is_a_problem() -> None:
    with pytest.raises(ImportRejected, match="1 problem"):
        read_table("\n\n", "csv")


def test_json_values_become_text_and_keys_know_their_position() -> None:
    text = '[{"name": "Acme", "hours": 12.5, "active": true, "note": null},\n {"name": "B"}]'
    table = read_table(text, "json")
    assert table.rows[0].values == {"name": "Acme", "hours": "12.5", "active": "true", "note": ""}
    assert table.rows[1].where("name") == (2, 3)


@pytest.mark.parametrize(
    ("text", "where"),
    [('{"name": "Acme"}', (1, 1)), ('[1, {"name": "x"}]', (1, 2)), ('[{"name": [1]}]', (1, 3))],
)
def test_json_that_is_not_an_array_of_flat_objects_is_refused(
    text: str, where: tuple[int, int]
) -> None:
    with pytest.raises(ImportRejected) as rejected:
        read_table(text, "json")
    assert (rejected.value.problems[0].line, rejected.value.problems[0].column) == where


def test_the_format_comes_from_the_extension() -> None:
    assert (format_for("a.CSV"), format_for("b.json"), format_for("c.txt")) == ("csv", "json", None)
