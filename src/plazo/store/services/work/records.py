"""Create, change and delete clients, projects and work items: the use cases behind the REST API.

Each is one function and one transaction. They check what the database would refuse (unique
names and external ids, cross-column rules) first and raise :class:`InvalidField` or
:class:`Conflict` naming the field, so any caller (the API, a script) can say what is wrong.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction

from plazo.core.errors import PlazoError
from plazo.core.regional import country_time_zone
from plazo.store.models import (
    Client,
    Membership,
    Organisation,
    Project,
    ProjectStatus,
    Role,
    WorkItem,
    WorkItemStatus,
    limits,
)
from plazo.store.services.ledger.promises import (
    TellingError,
    UnannouncedSlipError,
    record_promise,
    record_status,
)
from plazo.store.services.work.registers import new_client_register

__all__ = [
    "API_REASON",
    "CHANGED_REASON",
    "Conflict",
    "InvalidField",
    "RecordError",
    "create_client",
    "create_project",
    "delete_client",
    "delete_project",
    "new_client_time_zone",
    "organisation_owner",
    "update_client",
    "update_project",
    "update_work_item",
]

API_REASON = "Set through the API."  # the ledger's reason for a promise given with a new project
CHANGED_REASON = "Changed through the API."  # ... and for a date changed without a reason given


class RecordError(PlazoError):
    """A change refused because of one field; ``str()`` is ``"<field>: <message>"``."""

    def __init__(self, field: str, message: str, *, code: str | None = None) -> None:
        super().__init__(f"{field}: {message}", code=code)
        self.field = field
        self.message = message


class InvalidField(RecordError):
    """The value of ``field`` cannot be stored (a missing reference, dates out of order)."""


class Conflict(RecordError):
    """The value of ``field`` clashes with another row (a name or external id already taken)."""


def _taken(
    model: type[Client | Project], organisation_id: int, field: str, value: str, pk: int | None
) -> None:
    """Refuse a name or external id another row of the organisation already has."""
    if field == "external_id" and not value:
        return
    others = model.objects.for_organisation(organisation_id).filter(**{field: value})
    if pk is not None:
        others = others.exclude(pk=pk)
    if others.exists():
        raise Conflict(field, f"another {model.__name__.lower()} has {value!r}")


@transaction.atomic
def create_client(organisation: Organisation, values: dict[str, Any]) -> Client:
    """A new client; the language defaults to the organisation's, the register to what the
    country and the organisation's other clients suggest (:func:`new_client_register`), the time
    zone to the client's country's (the organisation's own when it is in that country) else the
    organisation's."""
    _taken(Client, organisation.pk, "name", values["name"], None)
    _taken(Client, organisation.pk, "external_id", values.get("external_id", ""), None)
    values = {k: v for k, v in values.items() if v is not None}
    values.setdefault("language", organisation.language)
    if not values.get("register"):
        values["register"] = new_client_register(
            organisation, values["language"], values.get("country", "")
        )
    if "time_zone" not in values:
        values["time_zone"] = new_client_time_zone(organisation, values.get("country", ""))
    return Client.objects.create(organisation=organisation, **values)


def new_client_time_zone(organisation: Organisation, country: str) -> str:
    """A new client's time zone when none is given: its country's (the organisation's own when
    it is in that country), else the organisation's."""
    zone = country_time_zone(country, prefer=organisation.time_zone) if country else None
    return zone or organisation.time_zone


@transaction.atomic
def update_client(client: Client, changes: dict[str, Any]) -> Client:
    """Change the fields named in ``changes``."""
    for field in ("name", "external_id"):
        if field in changes:
            _taken(Client, client.organisation_id, field, changes[field], client.pk)
    for field, value in changes.items():
        setattr(client, field, value)
    client.save(update_fields=list(changes) or None)
    return client


@transaction.atomic
def delete_client(client: Client) -> None:
    """Delete a client with its contacts and projects."""
    client.delete()


def _client(organisation_id: int, client_id: int) -> Client:
    client = Client.objects.for_organisation(organisation_id).filter(pk=client_id).first()
    if client is None:
        raise InvalidField("client_id", f"no client {client_id} in this organisation")
    return client


def _check_project(project: Project, promised_on: date | None) -> None:
    """Refuse what a check-in would choke on: an unknown holiday calendar, days out of order."""
    values = {
        "country": project.country,
        "subdivision": project.subdivision,
        "start_on": project.start_on,
        "promised_on": promised_on or project.promised_on,
        "delivered_on": project.delivered_on,
    }
    for field, problem in limits.project_problems(values):
        raise InvalidField(field, problem)


def _member(organisation_id: int, email: str) -> Any:
    """The member of the organisation with this e-mail address (any case)."""
    membership = (
        Membership.objects.filter(organisation_id=organisation_id, user__email__iexact=email)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is None:
        raise InvalidField("owner", f"no member of this organisation has the address {email!r}")
    return membership.user


def organisation_owner(organisation_id: int) -> Any:
    """The organisation's first owner with an e-mail address (who is alerted), or None."""
    owner = (
        Membership.objects.filter(organisation_id=organisation_id, role=Role.OWNER)
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return owner.user if owner is not None else None


def _default_owner(organisation_id: int, user: Any) -> Any:
    """``user`` when they are a member with an e-mail address, else the organisation's owner."""
    members = Membership.objects.filter(organisation_id=organisation_id).exclude(user__email="")
    if user is not None and user.email and members.filter(user=user).exists():
        return user
    owner = organisation_owner(organisation_id)
    if owner is None:
        raise InvalidField(
            "owner",
            "a project needs an owner with an e-mail address, who receives its alerts; "
            "send 'owner' with a member's e-mail address",
        )
    return owner


@transaction.atomic
def create_project(
    organisation: Organisation, values: dict[str, Any], *, now: datetime, created_by: Any = None
) -> Project:
    """A new project; a promised date goes through the promise ledger.

    It is never created delivered (see :func:`_refuse_created_delivered`). Its owner is the
    member whose e-mail ``values["owner"]`` gives, else ``created_by`` (the token's user) when a
    member, else the organisation's owner: a check-in needs someone to alert.
    """
    values = dict(values)
    _refuse_created_delivered(values)
    promised_on = values.pop("promised_on", None)
    owner = values.pop("owner", None)
    values["client"] = _client(organisation.pk, values.pop("client_id"))
    _taken(Project, organisation.pk, "name", values["name"], None)
    _taken(Project, organisation.pk, "external_id", values.get("external_id", ""), None)
    values["currency"] = values.get("currency") or organisation.currency
    values["country"] = values.get("country") or organisation.country
    if owner:
        values["owner"] = _member(organisation.pk, owner)
    elif values.get("owner_id") is None:  # a form that picked a member passes its id
        values.pop("owner_id", None)
        values["owner"] = _default_owner(organisation.pk, created_by)
    project = Project(organisation=organisation, **values)
    _check_project(project, promised_on)
    project.save()
    if promised_on is not None:
        record_promise(project, promised_on, made_at=now, reason=API_REASON)
        project.refresh_from_db()
        if project.status == ProjectStatus.CANCELLED:  # created cancelled: so is its promise
            record_status(project, project.status, today=project.client_today(now), now=now)
    return project


@transaction.atomic
def update_project(project: Project, changes: dict[str, Any], *, now: datetime) -> Project:
    """Change the fields named; a new promised date is recorded in the ledger with its reason.

    A later date than the current promise is a delay the client must hear of: it is refused
    (``promised_on``, code ``slip_needs_notice``) unless ``promise_told_on`` gives the day the
    client was told outside plazo, with a ``promise_reason`` (the project's draft delay cases
    are then closed, saying so); otherwise it goes through a delay case, whose notice records
    the date when approved. An earlier date is a plain change.
    """
    changes = dict(changes)
    _refuse_delivery(project, changes)
    promised_on = changes.pop("promised_on", None)
    told_on = changes.pop("promise_told_on", None)
    reason = changes.pop("promise_reason", None) or ("" if told_on else CHANGED_REASON)
    if told_on is not None and (promised_on is None or promised_on == project.promised_on):
        raise InvalidField(
            "promise_told_on", "give it with the later promised_on the client was told of"
        )
    if "client_id" in changes:
        changes["client"] = _client(project.organisation_id, changes.pop("client_id"))
    if "owner" in changes:
        changes["owner"] = _member(project.organisation_id, changes["owner"])
    for field in ("name", "external_id"):
        if field in changes:
            _taken(Project, project.organisation_id, field, changes[field], project.pk)
    status_before = project.status
    for field, value in changes.items():
        setattr(project, field, value)
    _check_project(project, promised_on)
    if changes:
        project.save(update_fields=list(changes))
    if promised_on is not None and promised_on != project.promised_on:
        try:
            record_promise(project, promised_on, made_at=now, reason=reason, told_on=told_on)
        except UnannouncedSlipError as error:
            raise InvalidField("promised_on", str(error), code=error.code) from None
        except TellingError as error:
            field = {"reason": "promise_reason", "told_on": "promise_told_on"}[error.field]
            raise InvalidField(field, str(error), code=error.code) from None
        project.refresh_from_db()
    if project.status != status_before:  # a cancelled project's promise ends in the ledger
        record_status(project, project.status, today=project.client_today(now), now=now)
    return project


_CREATE_THEN_DELIVER = (
    "a project is not created delivered: create it, then deliver it (PATCH its status to "
    "'delivered', or the dashboard's Mark delivered), which settles its promise in the ledger "
    "and tells the client"
)


def _refuse_created_delivered(values: dict[str, Any]) -> None:
    """Refuse a new project that is already delivered.

    Settling it here would settle a promise made this very moment (the ledger refuses a promised
    date in the past), a "kept" that says nothing, and skip telling the client; storing the status
    alone would leave a delivered project with a pending promise. Delivery has one door:
    ``plazo.store.services.delivery.deliver``.
    """
    if values.get("status") == ProjectStatus.DELIVERED:
        raise InvalidField("status", _CREATE_THEN_DELIVER)
    if values.get("delivered_on") is not None:
        raise InvalidField("delivered_on", _CREATE_THEN_DELIVER)


def _refuse_delivery(project: Project, changes: dict[str, Any]) -> None:
    """A delivery settles the promise and tells the client: it is not a field to set here, but
    ``plazo.store.services.delivery.deliver`` (the web's *Mark delivered*, the API's PATCH)."""
    if changes.get("status") == ProjectStatus.DELIVERED and project.status != changes["status"]:
        raise InvalidField("status", "a project is delivered through the ledger, not set so")
    if "delivered_on" in changes and changes["delivered_on"] != project.delivered_on:
        raise InvalidField("delivered_on", "a project is delivered through the ledger, not set so")


@transaction.atomic
def delete_project(project: Project) -> None:
    """Delete a project with its items, forecasts, ledger and messages."""
    project.delete()


@transaction.atomic
def update_work_item(item: WorkItem, changes: dict[str, Any]) -> WorkItem:
    """Change the fields named (scope changes go through progress events instead)."""
    external_id = changes.get("external_id")
    if external_id and (
        WorkItem.objects.for_organisation(item.organisation_id)
        .filter(external_id=external_id)
        .exclude(pk=item.pk)
        .exists()
    ):
        raise Conflict("external_id", f"another work item has {external_id!r}")
    for field, value in changes.items():
        setattr(item, field, value)
    if item.status != WorkItemStatus.DONE and item.completed_on is not None:
        item.completed_on = None  # reopened: the old completion no longer counts anywhere
        changes = {**changes, "completed_on": None}
    if item.status == WorkItemStatus.DONE and item.completed_on is None:
        raise InvalidField("completed_on", "is required when status is done")
    fields = ("added_on", "started_on", "completed_on", "removed_on")
    for field, problem in limits.work_item_problems({f: getattr(item, f) for f in fields}):
        raise InvalidField(field, problem)
    if changes:
        item.save(update_fields=list(changes))
    return item
