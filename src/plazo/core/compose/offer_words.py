"""The owner's own words for an offer, as the notice's sentence can say them.

An owner who rewords a discount or a credit often writes the whole offer ("descuento del 5 % en
este proyecto", "5% discount on this project"). Added after the sentence's own "a discount of
€160.00 on the price of this project", that says the offer twice; such words are the offer
itself, so the sentence uses them in its place, with an article, and the amount after them.
"""

from __future__ import annotations

import re

from plazo.core.compose.inputs import Offer
from plazo.core.policy import OfferKind

__all__ = ["own_offer_phrase"]

# The noun of each money offer, per language: words that contain it name the offer themselves.
_KIND_NOUNS: dict[str, dict[OfferKind, tuple[str, ...]]] = {
    "es": {OfferKind.DISCOUNT: ("descuento", "rebaja"), OfferKind.CREDIT: ("crédito", "credito")},
    "en": {OfferKind.DISCOUNT: ("discount", "% off"), OfferKind.CREDIT: ("credit",)},
}
_DETERMINERS = {
    "es": ("un", "una", "el", "la", "nuestro", "nuestra", "tu", "su"),
    "en": ("a", "an", "the", "our", "your", "one"),
}
# "an" before a vowel sound, including numbers read "eight…", "eleven…", "eighteen…".
_AN = re.compile(r"^(?:[aeiou]|8|11\D|11$|18\D|18$)", re.IGNORECASE)


def own_offer_phrase(offer: Offer, language: str) -> str | None:
    """The owner's words as the whole offer, or None when they do not name its kind.

    Only discounts and credits: an extra's words are always what the extra is.
    """
    words = " ".join(offer.description.split()).rstrip(" .")
    nouns = _KIND_NOUNS.get(language, {}).get(OfferKind(offer.kind), ())
    if not words or not any(noun in words.lower() for noun in nouns):
        return None
    first = words.split(" ", 1)[0].lower()
    if first in _DETERMINERS.get(language, ()):
        return words[:1].lower() + words[1:]
    words = words[:1].lower() + words[1:] if not words[:2].isupper() else words
    if language == "es":
        article = "una" if words.lower().startswith("rebaja") else "un"
    else:
        article = "an" if _AN.match(words) else "a"
    return f"{article} {words}"
