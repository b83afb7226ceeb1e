"""Organisations (an agency or a freelancer) and who belongs to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from plazo.store.models import limits
from plazo.store.models.choices import Language, Role

__all__ = ["Membership", "Organisation"]


class Organisation(models.Model):
    """The tenant: every other row belongs to exactly one organisation."""

    name = models.CharField(max_length=200, validators=[limits.validate_text])
    slug = models.SlugField(max_length=80, unique=True)
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.ENGLISH)
    currency = models.CharField(max_length=3, default="EUR", help_text="ISO 4217 code")
    country = models.CharField(max_length=2, default="ES", help_text="ISO 3166 code")
    time_zone = models.CharField(
        max_length=64, default="Europe/Madrid", validators=[limits.validate_time_zone]
    )
    sender_email = models.EmailField(blank=True, help_text="From: address of client mail")
    policy_toml = models.TextField(
        blank=True, help_text="Compensation policy (TOML); empty means the default policy."
    )
    send_updates_automatically = models.BooleanField(
        default=False, help_text="Send weekly updates without the owner's approval."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(currency__regex=r"^[A-Z]{3}$"), name="organisation_currency_iso"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in one organisation; a user may belong to several."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    language = models.CharField(
        max_length=8,
        choices=Language.choices,
        blank=True,
        default="",
        help_text="The language this person reads plazo in (their alerts); "
        "blank: the organisation's.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.organisation} ({self.role})"
