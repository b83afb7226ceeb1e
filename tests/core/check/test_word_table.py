"""The checker's fast path (words' weights summed once, in a table) gives the feature strings'
numbers, however the table fills: repeated and new words, growth, a table replaced when full."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from plazo.core.check import default_model, learned
from plazo.core.check.engine import analyse, sentence_features, sentence_signals, sentences

MESSAGES = [
    (
        "Sorry sorry sorry: the the order 1234 is late late. We'll ship on 3 May 2027, and "
        "zorblax zorblax quuxify arrives with it. Nothing else changes.",
        "en",
    ),
    (
        "Lo siento mucho, mucho: el pedido 00017 llegará el 12 de mayo. No sabemos nada nada del "
        "proveedor, pero le haremos un 10 % de descuento.",
        "es",
    ),
    ("Hi.\n\nOk", "en"),
]


def fast_and_slow(model: learned.LanguageModel, text: str, lang: str) -> tuple:
    analysis = analyse(text, lang)
    segments = sentences(analysis)
    folded = [analysis.prepared.folded[s.start : s.end] for s in segments]
    fast = model.sentence_probabilities(folded, sentence_signals(analysis, segments))
    slow = model.probabilities(sentence_features(analysis, segments))
    return fast, slow


@pytest.mark.parametrize("limit", [learned._WORD_CACHE, 8])
def test_the_word_table_gives_the_feature_strings_numbers(
    monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    monkeypatch.setattr(learned, "_WORD_CACHE", limit)
    for lang in ("en", "es"):
        model = replace(default_model().languages[lang])  # a fresh, empty table
        for _ in range(2):  # the table empty, then holding every word
            for text, language in MESSAGES:
                if language == lang:
                    fast, slow = fast_and_slow(model, text, lang)
                    assert fast.shape == slow.shape
                    assert np.max(np.abs(fast - slow), initial=0.0) < 1e-12


def test_the_word_table_grows_past_its_first_rows() -> None:
    model = replace(default_model().languages["en"])
    made_up = " ".join(
        "w" + chr(97 + i % 26) + chr(97 + i // 26 % 26) + chr(97 + i // 676) + "x"
        for i in range(1500)
    )
    text = f"Sorry, the {made_up} parts are late. We'll ship the parts on 3 May."
    fast, slow = fast_and_slow(model, text, "en")
    assert len(model.words.table().rows) > 1024
    assert np.max(np.abs(fast - slow)) < 1e-12


def test_a_copy_of_a_model_does_not_share_its_word_table() -> None:
    model = replace(default_model().languages["en"])
    fast_and_slow(model, MESSAGES[0][0], "en")
    heavier = replace(model, weights=model.weights * 2.0)
    fast, slow = fast_and_slow(heavier, MESSAGES[0][0], "en")
    assert np.max(np.abs(fast - slow)) < 1e-12
