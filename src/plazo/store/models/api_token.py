"""API tokens: per organisation, hashed at rest, revocable."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from plazo.store.models.scoping import TenantModel

__all__ = ["ApiToken"]


class ApiToken(TenantModel):
    """A bearer token for the REST API; only its SHA-256 digest is stored."""

    name = models.CharField(max_length=120)
    prefix = models.CharField(max_length=12, help_text="First characters, to recognise it")
    digest = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
