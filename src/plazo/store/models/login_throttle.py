"""Failed log-ins counted per user name and per client address, in the database.

The database, not a per-process cache, so every web process and every machine counts the same
failures and honours the same locks. The policy itself is :mod:`plazo.core.login_throttle`.
"""

from __future__ import annotations

from django.db import models

__all__ = ["LoginThrottle"]


class LoginThrottle(models.Model):
    """The failure count and lock of one key: ``user:<name>`` or ``ip:<address>``."""

    key = models.CharField(max_length=200, unique=True)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField(null=True, blank=True)
    lockouts = models.PositiveIntegerField(default=0, help_text="Locks in the current streak")
    locked_at = models.DateTimeField(null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key
