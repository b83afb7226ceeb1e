"""Where the checker's sentences end: terminal punctuation, not a title's or an abbreviation's
period inside a sentence."""

from __future__ import annotations

import pytest

from plazo.core.check.scopes import Scopes


def _sentences(text: str) -> list[str]:
    scopes = Scopes.of(text)
    return [
        text[start:end].strip()
        for start, end in zip(scopes.sentence_starts, scopes.sentence_ends, strict=True)
    ]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Estimado Sr. López: lo sentimos. Llegará el lunes.",
            ["Estimado Sr. López: lo sentimos.", "Llegará el lunes."],
        ),
        (
            "Mrs. Patel, we are sorry. It ships Friday.",
            ["Mrs. Patel, we are sorry.", "It ships Friday."],
        ),
        ("We open at 9 a.m. tomorrow. Sorry.", ["We open at 9 a.m. tomorrow.", "Sorry."]),
        ("A las 10 p. m. del lunes. Gracias.", ["A las 10 p. m. del lunes.", "Gracias."]),
        ("Desde EE. UU. llega tarde. Lo siento.", ["Desde EE. UU. llega tarde.", "Lo siento."]),
        ("Use tiles, e.g. the blue ones. Fine.", ["Use tiles, e.g. the blue ones.", "Fine."]),
    ],
)
def test_a_title_or_an_abbreviation_inside_a_sentence_does_not_end_it(
    text: str, sentences: list[str]
) -> None:
    assert _sentences(text) == sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Doors open at 7 p.m. Sorry about that.", ["Doors open at 7 p.m.", "Sorry about that."]),
        ("A las 10 p. m. Gracias.", ["A las 10 p. m.", "Gracias."]),
        ("Plan a. Then b.", ["Plan a.", "Then b."]),
        ("La respuesta es no. Lo siento.", ["La respuesta es no.", "Lo siento."]),
    ],
)
def test_an_abbreviation_that_ends_a_sentence_still_ends_it(
    text: str, sentences: list[str]
) -> None:
    assert _sentences(text) == sentences
