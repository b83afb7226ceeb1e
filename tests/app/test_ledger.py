"""The promise ledger keeps every promise; a new one supersedes the current one."""

from __future__ import annotations

from datetime import date

import pytest

from plazo.store.models import Commitment
from plazo.store.services.ledger import record_promise
from tests.app.factories import NOW, make_org, make_project

pytestmark = pytest.mark.django_db


def test_a_new_promise_supersedes_the_current_one_and_keeps_it() -> None:
    project = make_project(make_org())
    first = record_promise(project, date(2026, 12, 15), made_at=NOW, reason="signed").commitment
    second = record_promise(project, date(2027, 1, 12), made_at=NOW, reason="slip").commitment

    first.refresh_from_db()
    project.refresh_from_db()
    assert project.promised_on == date(2027, 1, 12)
    assert first.is_current is False
    assert first.superseded_by == second
    assert list(
        Commitment.objects.filter(project=project).values_list("promised_on", flat=True)
    ) == [
        date(2026, 12, 15),
        date(2027, 1, 12),
    ]
