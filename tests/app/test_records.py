"""The record use cases refuse bad changes with errors that name the field, for any caller."""

from __future__ import annotations

from datetime import date

import pytest

from plazo.store.models import Client, Project
from plazo.store.services.work.records import (
    Conflict,
    InvalidField,
    create_client,
    create_project,
    update_work_item,
)
from tests.app.factories import NOW, make_client, make_item, make_org, make_project

pytestmark = pytest.mark.django_db


def test_a_taken_client_name_is_a_conflict_on_that_field() -> None:
    org = make_org()
    make_client(org, name="Grupo Alameda")
    with pytest.raises(Conflict) as refused:
        create_client(org, {"name": "Grupo Alameda"})
    assert (refused.value.field, str(refused.value)) == (
        "name",
        "name: another client has 'Grupo Alameda'",
    )
    assert Client.objects.count() == 1


def test_another_organisations_client_is_an_invalid_field() -> None:
    org = make_org()
    foreign = make_client(make_org())
    values = {"name": "Portal", "client_id": foreign.pk, "start_on": date(2026, 11, 2)}
    with pytest.raises(InvalidField) as refused:
        create_project(org, values, now=NOW)
    assert refused.value.field == "client_id"
    assert refused.value.message == f"no client {foreign.pk} in this organisation"
    assert not Project.objects.filter(organisation=org).exists()


def test_a_done_item_without_a_completion_date_is_refused_and_not_saved() -> None:
    item = make_item(make_project(make_org()))
    with pytest.raises(InvalidField, match="completed_on: is required when status is done"):
        update_work_item(item, {"status": "done"})
    item.refresh_from_db()
    assert item.status == "todo"
