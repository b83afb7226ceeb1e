"""Pick the organisation a database command works on (``--org SLUG``, or the only one)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plazo.cli.errors import CommandError

if TYPE_CHECKING:
    from plazo.store.models import Organisation

__all__ = ["pick_organisation"]


def pick_organisation(slug: str | None) -> Organisation:
    """The organisation named by ``slug``; without one, the only organisation there is."""
    from plazo.store.services.access.organisations import OrganisationChoiceError
    from plazo.store.services.access.organisations import pick_organisation as pick

    try:
        return pick(slug)
    except OrganisationChoiceError as error:
        raise CommandError(f"{error}.") from None
