"""A person's words spliced into plazo's sentences: Spanish contractions, a mid-sentence capital.

Messages quote what people typed (a stake, a cause, what prevents a recurrence) in the middle of
a sentence, so the words next to them, and their own first letter, must agree with it.
"""

from __future__ import annotations

import re

__all__ = ["contract_articles", "finish_text", "mid_sentence"]

# "de" / "a" followed by the article "el" contract ("del", "al"). Only the lowercase article:
# a capital "El" starts a proper name ("de El Corte Inglés"), which the RAE does not contract;
# "él" (the pronoun, accented) never contracts.
_DE_A_EL = re.compile(r"\b([Dd]e|[Aa]) el\b")

# The first word of a phrase: a run of letters (no digits, no apostrophe).
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def contract_articles(text: str) -> str:
    """Spanish "de el" / "a el" as "del" / "al" ("antes de el cierre" → "antes del cierre")."""
    return _DE_A_EL.sub(lambda match: match.group(1) + "l", text)


def mid_sentence(phrase: str) -> str:
    """``phrase`` as it reads in the middle of a sentence: an ordinary capitalised first word
    ("Revisaré", "We") is lowered; an acronym ("API"), a mixed-case name ("iPhone",
    "McDonald"), a single letter ("I") or a number keeps its form.

    A proper name spelled like an ordinary word ("Stripe cambió…") cannot be told apart and is
    lowered too; the review page previews the message before it goes out.
    """
    match = _FIRST_WORD.match(phrase)
    if match is None:
        return phrase
    word = match.group()
    if len(word) < 2 or not word[0].isupper() or not word[1:].islower():
        return phrase
    return word[0].lower() + phrase[1:]


_FINISHERS = {"es": contract_articles}


def finish_text(language: str, text: str) -> str:
    """The language's finishing touches on a rendered message (Spanish: contractions)."""
    finisher = _FINISHERS.get(language)
    return text if finisher is None else finisher(text)
