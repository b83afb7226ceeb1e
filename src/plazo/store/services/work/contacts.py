"""A client's contacts: the people who receive plazo's messages. One transaction each."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from plazo.store.models import Client, Contact, Organisation
from plazo.store.services.work.records import InvalidField, create_client

__all__ = ["add_contact", "create_client_with_contact", "remove_contact"]


@transaction.atomic
def create_client_with_contact(
    organisation: Organisation, values: dict[str, Any], *, contact_name: str, contact_email: str
) -> Client:
    """A new client (defaults from the organisation) and its first, primary contact."""
    client = create_client(organisation, values)
    add_contact(client, name=contact_name or client.name, email=contact_email, primary=True)
    return client


@transaction.atomic
def add_contact(client: Client, *, name: str, email: str, primary: bool = False) -> Contact:
    """Add a contact; a primary one makes the others secondary (one person leads the thread)."""
    if not email:
        raise InvalidField("email", "a contact needs an e-mail address to receive updates")
    if client.contacts.filter(email__iexact=email).exists():
        raise InvalidField("email", f"{client.name} already has a contact with {email}")
    if primary:
        client.contacts.update(is_primary=False)
    return Contact.objects.create(
        organisation_id=client.organisation_id,
        client=client,
        name=name.strip() or email,
        email=email,
        is_primary=primary or not client.contacts.exists(),
    )


@transaction.atomic
def remove_contact(contact: Contact) -> None:
    """Remove a contact; the last one with an e-mail address stays, or nobody would be told."""
    others = Contact.objects.filter(client_id=contact.client_id).exclude(pk=contact.pk)
    if not others.exclude(email="").exists():
        raise InvalidField("contact", "a client keeps at least one contact with an e-mail address")
    contact.delete()
    if contact.is_primary:
        first = others.order_by("name", "pk").first()
        if first is not None:
            first.is_primary = True
            first.save(update_fields=["is_primary"])
