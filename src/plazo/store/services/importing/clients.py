"""Import clients and their contacts; rows match existing ones by external id, then by name."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_noop as noop

from plazo.store.models import Client, Contact, Language, Organisation, Register
from plazo.store.services.importing.common import Counts, ProgressCallback, assign, bulk_write
from plazo.store.services.importing.fields import RowReader, check_columns
from plazo.store.services.importing.problems import Problem
from plazo.store.services.importing.rows import Row, Table
from plazo.store.services.work.records import new_client_time_zone

__all__ = ["COLUMNS", "ClientRecord", "ClientsPlan", "parse_clients", "plan_clients"]

COLUMNS = {
    "required": ("name",),
    "optional": (
        "external_id", "language", "register", "country", "time_zone", "tier", "notes",
        "contact_name", "contact_email", "contact_external_id",
    ),
}  # fmt: skip
_REGISTER_VALUES = tuple(r.value for r in Register)  # computed once: Enum lookups are slow per row
_LANGUAGE_VALUES = tuple(Language.values)  # computed once: Enum lookups are slow per row
_CONTACT_COLUMNS = ("contact_name", "contact_email", "contact_external_id")


@dataclass
class ContactRecord:
    """A contact as a row gives it."""

    row: Row
    name: str
    email: str
    external_id: str


@dataclass
class ClientRecord:
    """A client as the file gives it: the values set (absent ones are left alone) and contacts."""

    row: Row
    name: str
    external_id: str
    values: dict[str, Any]
    contacts: list[ContactRecord] = field(default_factory=list)


def parse_clients(table: Table) -> tuple[list[ClientRecord], list[Problem]]:
    """Validate every row (pure); a client on several rows collects one contact per row."""
    problems, absent = check_columns(table, **COLUMNS)
    records: dict[tuple[str, str], ClientRecord] = {}
    for row in table.rows:
        read = RowReader(row, problems, absent)
        name = read.text("name", required=True)
        external_id = read.text("external_id")
        values: dict[str, Any] = {"name": name}
        for column, value in (
            ("language", read.choice("language", _LANGUAGE_VALUES)),
            ("register", read.choice("register", _REGISTER_VALUES)),
            ("country", read.country("country")),
            ("time_zone", read.time_zone("time_zone")),
        ):
            if value:
                values[column] = value
        if read.has("tier"):
            values["tier"] = read.text("tier", max_length=40)
        if read.has("notes"):
            values["notes"] = read.text("notes", max_length=10_000)
        key = ("external_id", external_id) if external_id else ("name", name)
        record = records.get(key)
        if record is None:
            record = records[key] = ClientRecord(row, name, external_id, values)
        elif record.values != values:
            read.problem(
                "name",
                noop("the same client is on line %(line)s with other values"),
                line=record.row.line,
            )
        if any(read.has(column) for column in _CONTACT_COLUMNS):
            contact = ContactRecord(
                row,
                read.text("contact_name", required=True),
                read.email("contact_email"),
                read.text("contact_external_id"),
            )
            record.contacts.append(contact)
    return list(records.values()), problems


@dataclass
class ClientsPlan:
    """What the import will write."""

    organisation: Organisation
    counts: Counts = field(default_factory=Counts)
    new_clients: list[Client] = field(default_factory=list)
    changed_clients: list[Client] = field(default_factory=list)
    client_fields: set[str] = field(default_factory=set)
    contacts: list[tuple[Client, Contact, str]] = field(default_factory=list)
    contact_fields: set[str] = field(default_factory=set)

    def touched_projects(self) -> set[int]:
        """None: clients and contacts are not what a forecast reads."""
        return set()

    def write(self, progress: ProgressCallback | None) -> None:
        """Insert and update in batches (contacts after clients, which they point at)."""
        bulk_write(
            Client,
            self.new_clients,
            self.changed_clients,
            self.client_fields,
            phase="clients",
            progress=progress,
        )
        for client, contact, _ in self.contacts:
            contact.client = client  # now that new clients have primary keys
        bulk_write(
            Contact,
            [contact for _, contact, state in self.contacts if state == "created"],
            [contact for _, contact, state in self.contacts if state == "changed"],
            self.contact_fields,
            phase="contacts",
            progress=progress,
        )


def plan_clients(
    organisation: Organisation, records: list[ClientRecord], problems: list[Problem]
) -> ClientsPlan:
    """Match the records against the organisation's clients and contacts (reads only)."""
    plan = ClientsPlan(organisation)
    clients = list(Client.objects.for_organisation(organisation))
    by_external_id = {c.external_id: c for c in clients if c.external_id}
    by_name = {c.name: c for c in clients}
    contacts = list(Contact.objects.for_organisation(organisation))
    contact_by_external_id = {c.external_id: c for c in contacts if c.external_id}
    contact_by_name = {(c.client_id, c.name): c for c in contacts}
    claimed_names: dict[str, int] = {}
    for record in records:
        read = RowReader(record.row, problems)
        client = by_external_id.get(record.external_id) if record.external_id else None
        if client is None:
            client = by_name.get(record.name)
            if client is not None and record.external_id and client.external_id:
                read.problem(
                    "name",
                    noop("%(name)s is the client with external id %(external_id)s, not %(given)s"),
                    name=repr(record.name),
                    external_id=repr(client.external_id),
                    given=repr(record.external_id),
                )
                continue
        owner = claimed_names.setdefault(record.name, record.row.line)
        holder = by_name.get(record.name)
        if owner != record.row.line or (holder is not None and holder is not client):
            read.problem(
                "name", noop("another client is already named %(name)s"), name=repr(record.name)
            )
            continue
        values = dict(record.values)
        if record.external_id:
            values["external_id"] = record.external_id
        created = client is None
        if client is None:
            if "time_zone" not in values:
                values["time_zone"] = new_client_time_zone(organisation, values.get("country", ""))
            values.setdefault("language", organisation.language)
            client = Client(organisation=organisation, **values)
            plan.new_clients.append(client)
            changed = True
        else:
            fields = assign(client, values)
            plan.client_fields.update(fields)
            changed = bool(fields)
            if changed:
                plan.changed_clients.append(client)
        plan.counts.record("clients", created=created, changed=changed)
        for contact_record in record.contacts:
            _plan_contact(plan, client, contact_record, contact_by_external_id, contact_by_name)
    return plan


def _plan_contact(
    plan: ClientsPlan,
    client: Client,
    record: ContactRecord,
    by_external_id: dict[str, Contact],
    by_name: dict[tuple[int, str], Contact],
) -> None:
    contact = by_external_id.get(record.external_id) if record.external_id else None
    if contact is None and client.pk is not None:
        contact = by_name.get((client.pk, record.name))
    values: dict[str, Any] = {"name": record.name, "email": record.email}
    if record.external_id:
        values["external_id"] = record.external_id
    if contact is None:
        contact = Contact(organisation=plan.organisation, client=client, **values)
        plan.contacts.append((client, contact, "created"))
        plan.counts.record("contacts", created=True, changed=True)
        return
    values["client_id"] = client.pk
    fields = assign(contact, values)
    fields = ["client" if name == "client_id" else name for name in fields]
    plan.contact_fields.update(fields)
    plan.contacts.append((client, contact, "changed" if fields else "unchanged"))
    plan.counts.record("contacts", created=False, changed=bool(fields))
