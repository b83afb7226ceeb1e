"""Which of the owner's facts are written in another language than the client's.

The notice quotes the owner's facts as typed (cause, what was identified, prevention, the plan,
what is ready before the stake, an offer's own wording) inside sentences in the client's
language. plazo cannot translate them (no network, no translation model): an owner who types
English facts for a Spanish client sends a half-English notice. The review page shows each such
fact, the checker reports the mix, and approving it needs the owner's explicit confirmation
(:class:`MixedLanguageError`).
"""

from __future__ import annotations

from dataclasses import dataclass

from plazo.core.check.phrase_language import phrase_language
from plazo.core.errors import PlazoError
from plazo.store.services.delays.draft import NoticeDraft

__all__ = ["ForeignFact", "MixedLanguageError", "facts_in_other_language"]


@dataclass(frozen=True)
class ForeignFact:
    """A fact that reads as ``language`` in a notice written in another one.

    ``field`` is the review form's field: cause, identified, prevention, recovery_steps,
    ready_for_stake, or ``offer-<i>-description`` for the i-th offer's own wording.
    """

    field: str
    language: str


class MixedLanguageError(PlazoError):
    """Some facts are in another language than the notice; the owner did not confirm them."""

    code = "mixed_language"

    def __init__(self, facts: tuple[ForeignFact, ...], language: str) -> None:
        self.facts = facts
        self.language = language
        fields = ", ".join(f"{f.field} ({f.language})" for f in facts)
        super().__init__(
            f"the notice is in {language!r} but these facts are not: {fields}; "
            "confirm on its review page to send them as typed"
        )


def _facts(draft: NoticeDraft) -> list[tuple[str, str]]:
    facts = [
        ("cause", draft.cause),
        ("identified", draft.identified),
        ("prevention", draft.prevention),
        ("recovery_steps", "\n".join(draft.recovery_steps)),
        ("ready_for_stake", draft.ready_for_stake),
    ]
    facts += [(f"offer-{i}-description", e.description) for i, e in enumerate(draft.offer_edits)]
    return facts


def facts_in_other_language(draft: NoticeDraft, language: str) -> tuple[ForeignFact, ...]:
    """The facts of ``draft`` that read as another language than ``language``, in form order.

    A fact whose language cannot be told (a name, a number, one word) is never listed.
    """
    found = []
    for name, text in _facts(draft):
        read_as = phrase_language(text) if text.strip() else None
        if read_as is not None and read_as != language:
            found.append(ForeignFact(name, read_as))
    return tuple(found)
