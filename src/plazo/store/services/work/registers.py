"""The register a new client is written in when nobody chose one."""

from __future__ import annotations

from collections import Counter

from plazo.core.regional import country_register
from plazo.store.models import Client, Organisation

__all__ = ["new_client_register"]


def new_client_register(organisation: Organisation, language: str, country: str) -> str:
    """1. What the country says for the language (vos for Spanish in Argentina, Uruguay and
    Paraguay); 2. else the register most of the organisation's clients in that language have
    (a studio that writes casually to everyone keeps doing so); 3. else formal."""
    by_country = country_register(language, country)
    if by_country is not None:
        return by_country
    registers = Client.objects.filter(organisation=organisation, language=language).values_list(
        "register", flat=True
    )
    # vos is Spanish only; a vos client elsewhere counts as casual (informal).
    counts = Counter("informal" if r == "vos" and language != "es" else r for r in registers)
    if not counts:
        return "formal"
    most = max(counts.values())
    return "formal" if counts["formal"] == most else counts.most_common(1)[0][0]
