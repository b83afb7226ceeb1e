"""Factories with keyword defaults: each test states only what matters to it."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User

from plazo.store.models import (
    Client,
    Contact,
    DelayCase,
    Membership,
    Message,
    Organisation,
    Project,
    WorkItem,
)

_numbers = itertools.count(1)
UTC = ZoneInfo("UTC")
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def make_org(**fields: Any) -> Organisation:
    n = next(_numbers)
    fields.setdefault("name", f"Org {n}")
    fields.setdefault("slug", f"org-{n}")
    return Organisation.objects.create(**fields)


def make_user(org: Organisation | None = None, **fields: Any) -> User:
    n = next(_numbers)
    fields.setdefault("username", f"user{n}")
    fields.setdefault("is_staff", True)
    user = User.objects.create_user(password="pw-for-tests", **fields)
    if org is not None:
        Membership.objects.create(organisation=org, user=user, role="owner")
    return user


def make_client(org: Organisation, **fields: Any) -> Client:
    fields.setdefault("name", f"Client {next(_numbers)}")
    return Client.objects.create(organisation=org, **fields)


def make_contact(client: Client, **fields: Any) -> Contact:
    fields.setdefault("name", "Ana Pérez")
    fields.setdefault("email", "ana@example.com")
    return Contact.objects.create(organisation_id=client.organisation_id, client=client, **fields)


def make_project(org: Organisation, client: Client | None = None, **fields: Any) -> Project:
    fields.setdefault("name", f"Project {next(_numbers)}")
    fields.setdefault("start_on", date(2026, 11, 2))
    # In plazo since its start, unless a test says when it was typed in (``auto_now_add``
    # would stamp the machine's clock, which the tests' fixed "now" does not follow).
    created_at = fields.pop("created_at", None) or datetime.combine(
        fields["start_on"], time(0), UTC
    )
    project = Project.objects.create(organisation=org, client=client or make_client(org), **fields)
    Project.objects.filter(pk=project.pk).update(created_at=created_at)
    project.created_at = created_at
    return project


def make_item(project: Project, **fields: Any) -> WorkItem:
    fields.setdefault("title", f"Task {next(_numbers)}")
    fields.setdefault("estimate_hours", Decimal("8"))
    fields.setdefault("added_on", project.start_on)
    if fields.get("status") == "done" and fields.get("completed_on"):
        # Recorded on the day it was done (the machine's clock is not the tests' "now").
        fields.setdefault(
            "done_recorded_at", datetime.combine(fields["completed_on"], time(12), UTC)
        )
    return WorkItem.objects.create(
        organisation_id=project.organisation_id, project=project, **fields
    )


def make_case(project: Project, **fields: Any) -> DelayCase:
    fields.setdefault("trigger", "forecast")
    fields.setdefault("opened_at", NOW)
    return DelayCase.objects.create(
        organisation_id=project.organisation_id, project=project, **fields
    )


def make_message(project: Project, **fields: Any) -> Message:
    fields.setdefault("kind", "weekly_update")
    fields.setdefault("language", "es")
    fields.setdefault("idempotency_key", f"weekly:{project.pk}:2026-W49")
    fields.setdefault("subject", "Avance semanal")
    fields.setdefault("text", "Hola")
    fields.setdefault("created_at", NOW)
    return Message.objects.create(
        organisation_id=project.organisation_id, project=project, **fields
    )
