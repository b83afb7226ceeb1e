"""The quick add's lines: "Title, 6h" per line, in the ways people write hours."""

from __future__ import annotations

from decimal import Decimal

import pytest

from plazo.web.forms.items import parse_quick_add


def test_each_line_is_a_title_and_its_estimate() -> None:
    text = "Portada, 6h\n- Catálogo; 1,5 h\n* Pago, 12 horas\nSin estimar\n\nPruebas, 2.5\n"
    assert parse_quick_add(text) == [
        ("Portada", Decimal("6")),
        ("Catálogo", Decimal("1.5")),
        ("Pago", Decimal("12")),
        ("Sin estimar", None),
        ("Pruebas", Decimal("2.5")),
    ]


def test_a_comma_inside_the_title_stays_in_the_title() -> None:
    assert parse_quick_add("Textos, fotos y vídeo, 8h") == [("Textos, fotos y vídeo", Decimal("8"))]


@pytest.mark.parametrize(
    ("text", "words"),
    [(", 6h", "line 1: the title is empty"), ("A, 1h\nB, 0h", "line 2: the estimate")],
)
def test_a_bad_line_is_named(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        parse_quick_add(text)
