"""Load the demo portfolio into the database, once: a second run changes nothing."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from plazo.demo.portfolio import CLIENTS, PROJECTS, SEED, DemoProject, items_for
from plazo.store.models import (
    Client,
    Contact,
    Membership,
    Organisation,
    Project,
    ProjectStatus,
    Role,
    WorkItem,
)
from plazo.store.services.ledger.promises import deliver_project, record_promise

__all__ = ["DEMO_PASSWORD", "DEMO_SLUG", "DEMO_USERNAME", "DemoLoaded", "load_demo"]

DEMO_SLUG = "demo"
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "plazo-demo"  # a local demo account; printed by `plazo demo`
ZONE = ZoneInfo("Europe/Madrid")


@dataclass(frozen=True)
class DemoLoaded:
    """The demo organisation, and whether this call created it."""

    organisation: Organisation
    created: bool


def load_demo(today: date) -> DemoLoaded:
    """Create the demo organisation and its portfolio, unless it already exists."""
    existing = Organisation.objects.filter(slug=DEMO_SLUG).first()
    if existing is not None:
        return DemoLoaded(existing, created=False)
    with transaction.atomic():
        return DemoLoaded(_create(today), created=True)


def _create(today: date) -> Organisation:
    org = Organisation.objects.create(
        name="Estudio Lumbre",
        slug=DEMO_SLUG,
        language="es",
        currency="EUR",
        country="ES",
        time_zone="Europe/Madrid",
        sender_email="hola@estudiolumbre.example",
        send_updates_automatically=True,
    )
    owner = _owner(org)
    clients = {}
    for spec in CLIENTS:
        client = Client.objects.create(
            organisation=org,
            name=spec.name,
            language=spec.language,
            register=spec.register,
            time_zone=spec.time_zone,
            tier=spec.tier,
        )
        Contact.objects.create(
            organisation=org, client=client, name=spec.contact_name, email=spec.contact_email
        )
        clients[spec.name] = client
    rng = random.Random(SEED)
    for project_spec in PROJECTS:
        _project(org, owner, clients[project_spec.client], project_spec, today, rng)
    return org


def _owner(org: Organisation) -> Any:
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=DEMO_USERNAME,
        defaults={"email": "demo@estudiolumbre.example", "is_staff": True, "first_name": "Elena"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    Membership.objects.create(organisation=org, user=user, role=Role.OWNER)
    return user


def _working_day_on_or_before(project: Project, day: date) -> date:
    """A promise falls on a working day: the demo's dates move with today, so one may land on a
    weekend or a holiday (24 Dec + 1 is Christmas Day), which nobody would promise."""
    calendar = project.work_calendar()
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


def _project(
    org: Organisation,
    owner: Any,
    client: Client,
    spec: DemoProject,
    today: date,
    rng: random.Random,
) -> Project:
    def day(offset: int | None) -> date | None:
        return None if offset is None else today + timedelta(days=offset)

    start_on = today + timedelta(days=spec.start_days)
    project = Project.objects.create(
        organisation=org,
        client=client,
        name=spec.name,
        owner=owner,
        status=ProjectStatus.ACTIVE,
        start_on=start_on,
        stake=spec.stake,
        stake_on=day(spec.stake_days),
        capacity_hours_per_week=Decimal(spec.capacity_hours_per_week),
        country=org.country,
        checkin_weekday=spec.checkin_weekday,
        value=Decimal(spec.value),
        currency=org.currency,
    )
    # The demo's projects have been in plazo since they started (their check-ins are owed from
    # then on, plazo.core.checkin.owed_checkin), not since the moment the demo was loaded.
    project.created_at = datetime.combine(start_on, time(9), tzinfo=ZONE)
    Project.objects.filter(pk=project.pk).update(created_at=project.created_at)
    WorkItem.objects.bulk_create(
        WorkItem(
            organisation=org,
            project=project,
            title=item.title,
            status=item.status,
            estimate_hours=Decimal(str(item.estimate_hours)),
            actual_hours=None if item.actual_hours is None else Decimal(str(item.actual_hours)),
            estimator=item.estimator,
            added_on=item.added_on,
            started_on=item.started_on,
            completed_on=item.completed_on,
            position=position,
        )
        for position, item in enumerate(items_for(spec, today, rng))
    )
    record_promise(
        project,
        _working_day_on_or_before(project, today + timedelta(days=spec.promised_days)),
        made_at=datetime.combine(start_on, time(10), tzinfo=ZONE),
        made_by=owner,
        reason="Fecha acordada al firmar la propuesta.",
    )
    if spec.replan is not None:
        made_days, promised_days = spec.replan
        record_promise(
            project,
            _working_day_on_or_before(project, today + timedelta(days=promised_days)),
            made_at=datetime.combine(today + timedelta(days=made_days), time(10), tzinfo=ZONE),
            made_by=owner,
            told_on=today + timedelta(days=made_days),  # the owner called the client that day
            reason="Third-party mapping API changed its licence; we re-planned the solver work.",
        )
    if spec.delivered_days is not None:
        deliver_project(project, today + timedelta(days=spec.delivered_days))
    return project
