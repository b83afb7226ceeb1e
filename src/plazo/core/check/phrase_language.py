"""The language of a short phrase the owner typed: a fact that a notice quotes as it is.

:func:`plazo.core.check.engine.detect_language` picks the language of a whole message from the
checker's stop words; a fact is often a single clause ("the supplier changed their API"), too
short for that to be sure. :func:`phrase_language` counts more cues and answers only when they
agree:

- the checker's stop words of each language, and a few more common words of project facts;
- Spanish letters (á é í ó ú ñ ü) and marks (¿ ¡), and English endings no Spanish word has
  (``-tion``), and Spanish first-person plural verbs (``-amos``, ``-emos``, ``-imos``).

A capitalised word inside a sentence is read as a name and counts for nothing (``Mariana
López``, ``Stripe Checkout``). Fewer than two words, or fewer than two cues, answer None: names,
numbers and one-word entries are never given a language, and so never flagged.
"""

from __future__ import annotations

import re
import unicodedata

from plazo.core.check.lexicon import LANGUAGES, stopwords

__all__ = ["MIN_CUES", "phrase_language"]

MIN_CUES = 2  # fewer cues than this and the phrase has no language we can tell
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SENTENCE_END = frozenset('.!?¿¡:;\n•*-–—("“«')
_SPANISH_LETTERS = frozenset("áéíóúñü")
_SPANISH_MARKS = frozenset("¿¡")


def _listed(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Common words of delay facts the checker's stop words leave out (accents folded, lower case).
_MORE_WORDS: dict[str, frozenset[str]] = {
    "en": _listed(
        """about after again all also already any because before both can could day days
        delivered delivery did do does done during each estimate estimated every first get got
        had he how if in into its just late later longer made make many more most much need
        needed needs new next now only or other out over ready same she should so some still
        supplier than their them then there these they those took two under until up weekly
        when while who why ll ve re weeks week work"""
    ),
    "es": _listed(
        """ahora antes cada cuando desde despues dia dias dos durante entre entrega equipo era
        esa ese eso esto estos estas fue ha han hasta hay luego mismo nuestra nuestras nuestro
        nuestros o otra otro pago porque proveedor pruebas retraso semana semanas sera sin sobre
        tambien tenemos toda todas todo todos tres unas unos vamos ya"""
    ),
}
_ENGLISH_ENDING = re.compile(r"tions?$")
_SPANISH_VERB = re.compile(r"[aei]mos$")


def _fold(word: str) -> str:
    """Lower case without accents (the stop words are kept so: ``mas``, ``despues``)."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(text: str) -> list[str]:
    """The words that can tell a language: not a capitalised word inside a sentence (a name)."""
    kept: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group()
        before = text[: match.start()].rstrip()
        starts_sentence = not before or before[-1] in _SENTENCE_END or before[-1].isdigit()
        if word[0].isupper() and not starts_sentence:
            continue
        kept.append(word)
    return kept


def _cues(words: list[str], text: str) -> dict[str, int]:
    known = {lang: stopwords(lang) | _MORE_WORDS.get(lang, frozenset()) for lang in LANGUAGES}
    counts = dict.fromkeys(LANGUAGES, 0)
    for word in words:
        folded = _fold(word)
        for part in folded.split("'"):
            for lang in LANGUAGES:
                if part in known[lang]:
                    counts[lang] += 1
        if "es" in counts and any(c in _SPANISH_LETTERS for c in word.lower()):
            counts["es"] += 1
        if "en" in counts and len(folded) > 5 and _ENGLISH_ENDING.search(folded):
            counts["en"] += 1
        if "es" in counts and len(folded) > 5 and _SPANISH_VERB.search(folded):
            counts["es"] += 1
    if "es" in counts:
        counts["es"] += sum(1 for c in text if c in _SPANISH_MARKS)
    return counts


def phrase_language(text: str) -> str | None:
    """The language ``text`` is written in ("en" or "es"), or None when it cannot be told.

    None for fewer than two words (after names), fewer than :data:`MIN_CUES` cues of the
    leading language, or as many cues of another language.
    """
    words = _words(text[:4000])
    if len(words) < 2:
        return None
    counts = _cues(words, text[:4000])
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    best, cues = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if cues < MIN_CUES or cues <= runner_up:
        return None
    return best
