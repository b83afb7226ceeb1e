"""The ledger's reasons plazo writes itself are shown in the page's language; a person's own
words are shown as written (finding W3)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from plazo.store.services.editing.dashboard import CREATED_REASON
from plazo.store.services.ledger.promises import record_promise
from plazo.web.promise_reasons import promise_reason_text
from tests.app.factories import make_client, make_org, make_project
from tests.app.web.helpers import browser_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "shown", "hidden"),
    [
        ("es", "Prometida al crear el proyecto.", CREATED_REASON),
        ("en", CREATED_REASON, "Prometida al crear el proyecto."),
    ],
)
def test_the_reason_plazo_wrote_is_in_the_page_language(
    language: str, shown: str, hidden: str
) -> None:
    org = make_org()
    project = make_project(org, make_client(org))
    record_promise(
        project, timezone.localdate() + timedelta(days=40), made_at=timezone.now(),
        reason=CREATED_REASON,
    )  # fmt: skip
    browser, _user = browser_for(org)
    page = browser.get(f"/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE=language).content
    assert shown in page.decode()
    assert hidden not in page.decode()


def test_a_persons_reason_and_an_import_are_shown_as_meant() -> None:
    with translation.override("es"):
        assert promise_reason_text("Fecha acordada al firmar.") == "Fecha acordada al firmar."
        assert promise_reason_text("Imported from jira.") == "Importada de jira."
        assert promise_reason_text("Set through the API.") == "Fijada a través de la API."
