"""Cue families (``cue_recovery``, ``cue_prevention``, ``cue_client_side``): signals for the
learned model, written from the labelling guide's definitions, that never decide a label alone."""

from __future__ import annotations

import pytest

from plazo.core.check.engine import analyse, rules_report, sentence_signals, sentences


def cues(text: str, lang: str) -> list[str]:
    analysis = analyse(text, lang)
    flags = sentence_signals(analysis, sentences(analysis))
    return sorted({flag for sentence in flags for flag in sentence if "cue_" in flag})


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Two more fitters join the crew on Monday.", "en", "!r:cue_recovery"),
        ("The parts now go by air freight.", "en", "!r:cue_recovery"),
        ("We'll deliver the first batch on its own.", "en", "!r:cue_recovery"),
        ("So this does not happen again, every roll is weighed.", "en", "!r:cue_prevention"),
        ("The pump has been replaced.", "en", "!r:cue_prevention"),
        ("The artwork is still waiting on your approval.", "en", "!r:cue_client_side"),
        ("Se suman dos operarios más a la obra.", "es", "!r:cue_recovery"),
        ("Las piezas vienen por avión.", "es", "!r:cue_recovery"),
        ("A partir de ahora revisamos cada lote.", "es", "!r:cue_prevention"),
        ("La bomba ya está sustituida.", "es", "!r:cue_prevention"),
        ("Seguimos a la espera de su aprobación.", "es", "!r:cue_client_side"),
    ],
)
def test_a_guide_phrase_family_gives_its_signal(text: str, lang: str, expected: str) -> None:
    assert expected in cues(text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("We're working hard on it and will keep you posted.", "en"),
        ("Estamos trabajando en ello y le mantendremos informado.", "es"),
    ],
)
def test_effort_and_update_promises_give_no_cue(text: str, lang: str) -> None:
    assert cues(text, lang) == []


def test_a_denied_step_is_a_ruled_out_cue() -> None:
    found = cues("We won't be hiring anyone.", "en")
    assert "!x:cue_recovery" in found
    assert "!r:cue_recovery" not in found


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("We are still waiting for your approval. Two more fitters join on Monday.", "en"),
        ("Seguimos a la espera de su aprobación. A partir de ahora revisamos cada lote.", "es"),
    ],
)
def test_cues_are_signals_only_never_the_rules_verdict(text: str, lang: str) -> None:
    report = rules_report(analyse(text, lang))
    assert set(report.elements) == {
        "apology",
        "impact",
        "assurance",
        "new_date",
        "cause",
        "plan",
        "compensation",
    }
    assert not any("cue" in warning.code for warning in report.warnings)
    assert cues(text, lang)
