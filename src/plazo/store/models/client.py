"""Clients and the people at them who receive plazo's messages."""

from __future__ import annotations

from django.db import models

from plazo.store.models import limits
from plazo.store.models.choices import REGISTER_CHOICES, Language, Register
from plazo.store.models.scoping import TenantModel

__all__ = ["Client", "Contact"]


class Client(TenantModel):
    """Who the work is for, and how to speak to them."""

    name = models.CharField(max_length=200, validators=[limits.validate_text])
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.ENGLISH)
    register = models.CharField(max_length=16, choices=REGISTER_CHOICES, default=Register.FORMAL)
    time_zone = models.CharField(
        max_length=64, default="UTC", validators=[limits.validate_time_zone]
    )
    country = models.CharField(
        max_length=2,
        blank=True,
        help_text="ISO 3166 code; with the language it picks how dates are written "
        "(en + GB: 29 January 2027). Blank: the organisation's country.",
    )
    tier = models.CharField(
        max_length=40,
        default="standard",
        help_text="Compensation tier named in the policy.",
        validators=[limits.validate_text],
    )
    notes = models.TextField(blank=True, validators=[limits.validate_text])
    external_id = models.CharField(
        max_length=200,
        blank=True,
        help_text="Id in the system it was imported from.",
        validators=[limits.validate_text],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="client_name_unique"),
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                condition=~models.Q(external_id=""),
                name="client_external_id_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Contact(TenantModel):
    """A person at a client who receives updates and notices."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200, validators=[limits.validate_text])
    email = models.EmailField(blank=True)
    first_name = models.CharField(
        max_length=100,
        blank=True,
        help_text="How informal messages greet them; blank: the first word of the name.",
    )
    salutation = models.CharField(
        max_length=120,
        blank=True,
        help_text='How formal messages greet them, with title and surname ("Sra. Gómez", '
        '"Mr Hughes"); blank: the first name.',
    )
    is_primary = models.BooleanField(default=True)
    external_id = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["client", "-is_primary", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                condition=~models.Q(external_id=""),
                name="contact_external_id_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.email else self.name
