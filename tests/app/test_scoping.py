"""Tenants are walls: nobody reaches another organisation's rows, in code or in the admin."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.test import Client as HttpClient

from plazo.store.models import Organisation, OrganisationQuerySet, Project, TenantModel
from tests.app.factories import make_client, make_org, make_project, make_user

pytestmark = pytest.mark.django_db


def test_every_row_but_the_organisation_and_memberships_belongs_to_an_organisation() -> None:
    tenant_free = {"Organisation", "Membership"}
    for model in apps.get_app_config("plazo").get_models():
        if model.__name__ in tenant_free:
            continue
        assert issubclass(model, TenantModel), model
        assert isinstance(model.objects.all(), OrganisationQuerySet), model


def test_for_organisation_returns_only_that_organisations_rows() -> None:
    org_a, org_b = make_org(), make_org()
    mine = make_project(org_a)
    make_project(org_b)
    assert list(Project.objects.for_organisation(org_a)) == [mine]
    assert list(Project.objects.for_organisation(org_a.pk)) == [mine]


def test_scoping_to_an_unsaved_organisation_is_refused() -> None:
    with pytest.raises(ValueError, match="unsaved"):
        Project.objects.for_organisation(Organisation(name="x", slug="x"))


def test_for_user_sees_only_the_users_organisations() -> None:
    org_a, org_b = make_org(), make_org()
    user = make_user(org_a)
    mine = make_project(org_a)
    make_project(org_b)
    assert list(Project.objects.for_user(user)) == [mine]


def test_a_project_cannot_point_at_another_organisations_client() -> None:
    org_a, org_b = make_org(), make_org()
    project = Project(
        organisation=org_a, client=make_client(org_b), name="x", start_on="2026-01-01"
    )
    with pytest.raises(ValidationError, match="another organisation"):
        project.full_clean()


@pytest.fixture
def two_tenants() -> tuple[HttpClient, Project, Project]:
    org_a, org_b = make_org(), make_org()
    browser = HttpClient()
    browser.force_login(make_user(org_a))
    return browser, make_project(org_a, name="Ours"), make_project(org_b, name="Theirs")


def test_admin_lists_only_the_users_organisation(two_tenants) -> None:  # type: ignore[no-untyped-def]
    browser, ours, theirs = two_tenants
    page = browser.get("/admin/plazo/project/").content.decode()
    assert ours.name in page
    assert theirs.name not in page


def test_admin_answers_404_for_another_organisations_row(two_tenants) -> None:  # type: ignore[no-untyped-def]
    browser, ours, theirs = two_tenants
    assert browser.get(f"/admin/plazo/project/{ours.pk}/change/").status_code == 200
    response = browser.get(f"/admin/plazo/project/{theirs.pk}/change/", follow=True)
    assert response.status_code == 200  # the admin redirects "does not exist" to the index
    assert f"/admin/plazo/project/{theirs.pk}/change/" not in response.redirect_chain[-1][0]
    assert theirs.name not in response.content.decode()
    assert browser.get(f"/admin/plazo/project/{theirs.pk}/delete/", follow=True).status_code == 200
    assert Project.objects.filter(pk=theirs.pk).exists()


def test_admin_choices_offer_only_the_users_clients(two_tenants) -> None:  # type: ignore[no-untyped-def]
    browser, ours, theirs = two_tenants
    page = browser.get("/admin/plazo/project/add/").content.decode()
    assert ours.client.name in page
    assert theirs.client.name not in page


def test_deleting_an_organisation_removes_all_of_its_rows_and_nothing_else() -> None:
    from datetime import date

    from plazo.demo import load_demo

    doomed = load_demo(date(2026, 11, 27)).organisation
    doomed_pk = doomed.pk
    survivor = make_project(make_org())
    assert Project.objects.for_organisation(doomed_pk).exists()
    doomed.delete()
    for model in apps.get_app_config("plazo").get_models():
        if issubclass(model, TenantModel):
            assert not model.objects.for_organisation(doomed_pk).exists(), model
    assert Project.objects.filter(pk=survivor.pk).exists()
