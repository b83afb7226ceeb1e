"""The end of a project from its page, with no admin: mark it delivered (the promise is settled in
the ledger), and follow each compensation offer from offered to applied."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from plazo.store.models import Commitment, Message, Offer, Project
from tests.app.factories import make_contact, make_org, make_project
from tests.app.web.helpers import browser_for, promise

pytestmark = pytest.mark.django_db


def _project(**fields: object) -> Project:
    project = make_project(make_org(), name="Tienda online", **fields)
    promise(project, project.client_today(timezone.now()))  # due today: the ledger counts it
    project.refresh_from_db()
    return project


def _offer(project: Project, **fields: object) -> Offer:
    values: dict[str, object] = {
        "kind": "discount",
        "amount": Decimal("600.00"),
        "currency": "EUR",
        "description": "5% discount on this project",
        "offered_at": timezone.now(),
        **fields,
    }
    return Offer.objects.create(organisation_id=project.organisation_id, project=project, **values)


def test_an_owner_marks_a_project_delivered_and_its_promise_is_kept() -> None:
    project = _project()
    browser, _ = browser_for(project.organisation)
    page = browser.get(reverse("web:project", args=[project.pk]))
    assert b"Mark delivered" in page.content
    today = project.client_today(timezone.now())

    response = browser.post(
        reverse("web:project_deliver", args=[project.pk]),
        {"delivered_on": today.isoformat(), "confirm": "1"},
    )

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == "delivered"
    assert project.delivered_on == today
    assert Commitment.objects.get(project=project, is_current=True).outcome == "kept"
    page = browser.get(response["Location"])
    assert b"the promise was kept" in page.content
    assert b"Mark delivered" not in page.content  # delivered once
    ledger = browser.get(reverse("web:ledger"))
    assert b"1 of 1 settled promise kept" in ledger.content


def test_a_delivery_in_the_future_is_refused_and_changes_nothing() -> None:
    project = _project()
    browser, _ = browser_for(project.organisation)
    tomorrow = project.client_today(timezone.now()) + timedelta(days=1)

    response = browser.post(
        reverse("web:project_deliver", args=[project.pk]),
        {"delivered_on": tomorrow.isoformat(), "confirm": "1"},
        follow=True,
    )

    assert b"has not come yet" in response.content
    project.refresh_from_db()
    assert project.status == "active"
    assert project.delivered_on is None
    assert Commitment.objects.get(project=project, is_current=True).outcome == "pending"


def test_another_organisations_project_cannot_be_delivered() -> None:
    project = _project()
    outsider, _ = browser_for(make_org())
    today = timezone.localdate().isoformat()
    response = outsider.post(
        reverse("web:project_deliver", args=[project.pk]), {"delivered_on": today, "confirm": "1"}
    )
    assert response.status_code == 404
    project.refresh_from_db()
    assert project.delivered_on is None


def test_an_offer_goes_from_offered_to_applied_on_the_project_page() -> None:
    project = _project()
    offer = _offer(project)
    browser, _ = browser_for(project.organisation)
    page = browser.get(reverse("web:project", args=[project.pk]))
    assert b"5% discount on this project" in page.content
    assert b'value="accept"' in page.content

    browser.post(reverse("web:offer_step", args=[offer.pk]), {"step": "accept"})
    offer.refresh_from_db()
    assert offer.state == "accepted"
    browser.post(reverse("web:offer_step", args=[offer.pk]), {"step": "apply", "amount": "550"})

    offer.refresh_from_db()
    assert offer.state == "applied"
    assert offer.applied_amount == Decimal("550.00")
    ledger = browser.get(reverse("web:ledger"))
    assert "€600.00 accepted (in 1), €550.00 applied (in 1)" in ledger.content.decode()


def test_an_applied_offer_cannot_be_declined_and_a_bad_amount_is_refused() -> None:
    project = _project()
    offer = _offer(project, state="accepted", decided_at=timezone.now())
    browser, _ = browser_for(project.organisation)
    url = reverse("web:offer_step", args=[offer.pk])

    refused = browser.post(url, {"step": "apply", "amount": "NaN"}, follow=True)
    assert b"is not an amount" in refused.content
    too_much = browser.post(url, {"step": "apply", "amount": "700"}, follow=True)
    assert b"must be between 0 and the offered" in too_much.content
    browser.post(url, {"step": "apply", "amount": ""})
    declined = browser.post(url, {"step": "decline"}, follow=True)

    assert b"cannot become declined" in declined.content
    offer.refresh_from_db()
    assert offer.state == "applied"
    assert offer.applied_amount == Decimal("600.00")


def test_another_organisations_offer_cannot_be_touched() -> None:
    offer = _offer(_project())
    outsider, _ = browser_for(make_org())
    response = outsider.post(reverse("web:offer_step", args=[offer.pk]), {"step": "accept"})
    assert response.status_code == 404
    offer.refresh_from_db()
    assert offer.state == "offered"


def test_a_project_delivered_early_counts_in_the_default_ledger_period() -> None:
    project = make_project(make_org(), name="Catálogo")
    today = project.client_today(timezone.now())
    promise(project, today + timedelta(days=60))  # due two months after the period's end (today)
    browser, _ = browser_for(project.organisation)

    browser.post(
        reverse("web:project_deliver", args=[project.pk]),
        {"delivered_on": today.isoformat(), "confirm": "1"},
    )

    ledger = browser.get(reverse("web:ledger"))
    assert b"1 of 1 settled promise kept" in ledger.content


def test_marking_delivered_without_the_confirmation_changes_nothing_and_sends_nothing() -> None:
    project = _project()
    make_contact(project.client, name="Javier Soler", email="javier@bodegas.example")
    browser, _ = browser_for(project.organisation)
    page = browser.get(reverse("web:project", args=[project.pk])).content.decode()
    assert 'id="deliver-confirm" name="confirm" value="1" required' in page
    assert "Javier Soler" in page
    assert "will be e-mailed the “delivered” message, and this cannot be undone." in page
    today = project.client_today(timezone.now())

    response = browser.post(
        reverse("web:project_deliver", args=[project.pk]),
        {"delivered_on": today.isoformat()},
        follow=True,
    )

    assert "tick the box to confirm" in response.content.decode()
    project.refresh_from_db()
    assert project.status == "active"
    assert project.delivered_on is None
    assert not Message.objects.filter(project=project, kind="delivered").exists()


def test_the_delivery_confirmation_speaks_spanish() -> None:
    project = _project()
    make_contact(project.client, name="Javier Soler", email="javier@bodegas.example")
    browser, _ = browser_for(project.organisation)
    page = browser.get(
        reverse("web:project", args=[project.pk]), HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert "recibirá por correo el mensaje de «entregado», y no se puede deshacer." in page
    refused = browser.post(
        reverse("web:project_deliver", args=[project.pk]),
        {"delivered_on": project.client_today(timezone.now()).isoformat()},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert "marque la casilla para confirmar" in refused.content.decode()
