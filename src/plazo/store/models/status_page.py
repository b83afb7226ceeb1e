"""Client status pages: a read-only page per project behind an unguessable, revocable link."""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q

from plazo.store.models.project import Project
from plazo.store.models.scoping import TenantModel

__all__ = ["StatusPage", "new_status_token"]


def new_status_token() -> str:
    """256 random bits, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


class StatusPage(TenantModel):
    """A capability link (``/s/<token>/``) that shows one project to its client without a login.

    The token is kept in the clear, like a document-sharing link, so the owner can copy it again;
    revoking it (``revoked_at``) kills the link for good and a new one can be issued.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_pages")
    token = models.CharField(max_length=64, unique=True, default=new_status_token, editable=False)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(revoked_at__isnull=True),
                name="statuspage_one_live_link_per_project",
            ),
        ]

    def __str__(self) -> str:
        return f"status page of {self.project}"
