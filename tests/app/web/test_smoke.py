"""Every page opens for a member, on a small portfolio."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from plazo.store.services.access.status_pages import ensure_status_page
from tests.app.factories import make_item, make_org, make_project
from tests.app.web.helpers import browser_for, make_forecast, promise, send

pytestmark = pytest.mark.django_db


def test_every_page_opens() -> None:
    org = make_org()
    project = make_project(org)
    make_item(project, status="done", completed_on=project.start_on + timedelta(days=3))
    make_item(project)
    promise(project, timezone.localdate() + timedelta(days=20))
    make_forecast(project)
    send(project, text="Hola\nLínea dos")
    page = ensure_status_page(project, now=timezone.now())
    browser, _ = browser_for(org)
    for url in ("/", f"/projects/{project.pk}/", "/outbox/", f"/s/{page.token}/"):
        response = browser.get(url)
        assert response.status_code == 200, (url, response.content[:2000])
