"""Client status pages: issue a link, revoke it, and resolve a token to what the client may see."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction

from plazo.store.models import Project, StatusPage

__all__ = ["ensure_status_page", "live_status_page", "revoke_status_page", "status_page_for_token"]


def live_status_page(project: Project) -> StatusPage | None:
    """The project's live link, if it has one."""
    return (
        StatusPage.objects.for_organisation(project.organisation_id)
        .filter(project=project, revoked_at__isnull=True)
        .first()
    )


def ensure_status_page(project: Project, *, now: datetime) -> StatusPage:
    """The project's live status page, created when there is none (idempotent).

    The database allows one live link per project, so two people creating one at once get the
    same link: the loser of the race reads the winner's row.
    """
    existing = live_status_page(project)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return StatusPage.objects.create(
                organisation_id=project.organisation_id, project=project, created_at=now
            )
    except IntegrityError:
        found = live_status_page(project)
        if found is None:
            raise
        return found


@transaction.atomic
def revoke_status_page(project: Project, *, now: datetime) -> StatusPage | None:
    """Kill the project's live link for good; returns it, or None when there was none."""
    page = (
        StatusPage.objects.for_organisation(project.organisation_id)
        .select_for_update()
        .filter(project=project, revoked_at__isnull=True)
        .first()
    )
    if page is not None:
        page.revoked_at = now
        page.save(update_fields=["revoked_at"])
    return page


def status_page_for_token(token: str) -> StatusPage | None:
    """The live status page behind ``token`` (with its project and client), or None."""
    if not token or len(token) > 64:
        return None
    return (
        StatusPage.objects.select_related("project__client")
        .filter(token=token, revoked_at__isnull=True)
        .first()
    )
