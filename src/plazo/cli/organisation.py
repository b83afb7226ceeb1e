"""Pick the organisation a database command works on (``--org SLUG``, or the only one)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plazo.cli.errors import CommandError

if TYPE_CHECKING:
    from plazo.store.models import Organisation

__all__ = ["pick_organisation"]


def pick_organisation(slug: str | None) -> Organisation:
    """The organisation named by ``slug``; without one, the only organisation there is."""
    from plazo.store.models import Organisation

    if slug:
        found = Organisation.objects.filter(slug=slug).first()
        if found is None:
            known = ", ".join(Organisation.objects.values_list("slug", flat=True)[:10]) or "none"
            raise CommandError(f"no organisation with slug {slug!r} (known: {known}).")
        return found
    organisations = list(Organisation.objects.order_by("slug")[:2])
    if not organisations:
        raise CommandError("there is no organisation yet; run 'plazo demo' or create one first.")
    if len(organisations) > 1:
        raise CommandError("there are several organisations; choose one with --org SLUG.")
    return organisations[0]
