"""Which organisation a command acts on: the one named, or the only one there is."""

from __future__ import annotations

from plazo.core.errors import PlazoError
from plazo.store.models import Organisation

__all__ = ["OrganisationChoiceError", "pick_organisation"]


class OrganisationChoiceError(PlazoError):
    """No organisation fits the choice; the message says which slugs exist."""


def pick_organisation(slug: str | None) -> Organisation:
    """The organisation with ``slug``, or the only one when ``slug`` is None."""
    if slug is not None:
        found = Organisation.objects.filter(slug=slug).first()
        if found is None:
            raise OrganisationChoiceError(f"no organisation with slug {slug!r}; {_known()}")
        return found
    organisations = list(Organisation.objects.order_by("slug")[:2])
    if not organisations:
        raise OrganisationChoiceError(
            "there is no organisation yet; run 'plazo init' to create yours "
            "(or 'plazo demo' to try plazo)"
        )
    if len(organisations) > 1:
        raise OrganisationChoiceError(
            f"there are several organisations; pick one with --org ({_known()})"
        )
    return organisations[0]


def _known() -> str:
    slugs = list(Organisation.objects.order_by("slug").values_list("slug", flat=True)[:20])
    return "known: " + ", ".join(slugs) if slugs else "there are none"
