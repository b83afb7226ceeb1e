"""The admin shows a staff member only their organisations' rows: in lists, filters, searches,
autocompletes, raw-id lookups and choices; a blank or foreign reference is a form error."""

from __future__ import annotations

import contextlib
import html
import re
from datetime import date
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission, User
from django.db import models
from django.test import Client as HttpClient
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from plazo.demo import load_demo
from plazo.store.admin.registrations import OrganisationAdmin
from plazo.store.admin.scoped import ScopedAdmin, SuperuserOnly
from plazo.store.admin.users import ScopedUserAdmin
from plazo.store.models import (
    Client,
    Contact,
    Membership,
    Message,
    Organisation,
    Project,
    WebhookEndpoint,
    WorkItem,
)
from plazo.store.services.access.tokens import create_token
from plazo.worker.tasks import reforecast_project_task
from tests.app.factories import (
    make_client,
    make_contact,
    make_item,
    make_org,
    make_project,
    make_user,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 27)


def _secrets_of(org: Organisation) -> set[str]:
    """Names of organisation A that B's staff must never see."""
    users = User.objects.filter(memberships__organisation=org)
    found = {
        *Client.objects.filter(organisation=org).values_list("name", flat=True),
        *Contact.objects.filter(organisation=org).values_list("email", flat=True),
        *Project.objects.filter(organisation=org).values_list("name", flat=True),
        *WorkItem.objects.filter(organisation=org).values_list("estimator", flat=True),
        *Message.objects.filter(organisation=org).values_list("subject", flat=True),
        *users.values_list("username", flat=True),
        *users.values_list("email", flat=True),
        "alameda-hooks.example",
        "Alameda CI token",
        "Alameda editors",
    }
    return {name for name in found if len(name) >= 4}


@pytest.fixture
def organisation_a() -> Organisation:
    org = load_demo(TODAY).organisation
    WebhookEndpoint.objects.create(
        organisation=org,
        url="https://alameda-hooks.example/plazo",
        events=["notice.sent"],
        secret="s" * 32,
        created_at=timezone.now(),
    )
    create_token(org, name="Alameda CI token", now=timezone.now())
    # Rows of tables that name no organisation: a task of A's that failed, naming its project,
    # and a group A's superuser made.
    project = Project.objects.filter(organisation=org).order_by("pk").first()
    assert project is not None
    result = reforecast_project_task.enqueue(project_id=project.pk)
    DBTaskResult.objects.filter(pk=result.id).update(
        status="FAILED",
        exception_class_path="plazo.core.errors.PlazoError",
        traceback=f"PlazoError: the forecast of {project.name} failed",
    )
    Group.objects.create(name="Alameda editors")
    return org


@pytest.fixture(params=["user permissions", "every permission"])
def staff_b(request: pytest.FixtureRequest) -> User:
    """B's staff member, with the permissions to edit users or with every permission there is
    (which reaches the admins that name no organisation: task results, groups)."""
    org = make_org(name="Taller Bravo", slug="bravo")
    user = make_user(org, username="bea", email="bea@bravo.example")
    if request.param == "every permission":
        user.user_permissions.add(*Permission.objects.all())
    else:
        user.user_permissions.add(
            *Permission.objects.filter(codename__in=["view_user", "change_user"])
        )
    client = make_client(org, name="Bravo Client", tier="bravo-tier")
    make_contact(client, email="contact@bravo.example")
    project = make_project(org, client, name="Bravo project", owner=user)
    make_item(project, estimator="bravo-estimator")
    return user


def _admin_urls(organisation_a: Organisation) -> list[str]:
    """Every changelist, add page, change page of B's rows, search, raw-id popup and
    autocomplete of the admin."""
    urls = ["/admin/"]
    organisation_b = Organisation.objects.get(slug="bravo")
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        own = model._default_manager.filter(
            **({"organisation": organisation_b} if hasattr(model, "organisation_id") else {})
        )
        if model is Organisation:
            own = Organisation.objects.filter(pk=organisation_b.pk)
        for row in own.order_by("pk")[:1]:
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[row.pk]))
        urls += [
            changelist,
            f"{changelist}?q=Alameda",
            f"{changelist}?q=a",
            f"{changelist}?_to_field=id&_popup=1",
            f"{changelist}?_to_field=id&_popup=1&q=Grupo",
        ]
        with contextlib.suppress(NoReverseMatch):
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
        for field in meta.get_fields():
            if not isinstance(field, models.ForeignKey):
                continue
            target = field.related_model._default_manager.filter(
                **(
                    {"organisation": organisation_a}
                    if hasattr(field.related_model, "organisation_id")
                    else {}
                )
            ).first()
            if target is not None:
                urls.append(f"{changelist}?{field.name}__id__exact={target.pk}")
        inlines = [inline.model for inline in model_admin.inlines]
        for source in (model, *inlines):
            for field in source._meta.get_fields():
                if isinstance(field, models.ForeignKey):
                    for term in ("", "a", "Alameda"):
                        urls.append(
                            f"/admin/autocomplete/?app_label={source._meta.app_label}"
                            f"&model_name={source._meta.model_name}&field_name={field.name}"
                            f"&term={term}"
                        )
    return urls


def _filter_links(url: str, page: str) -> list[str]:
    """The list filters', sorting and date links of a changelist page."""
    base = url.split("?", 1)[0]
    return [base + html.unescape(link) for link in re.findall(r'href="(\?[^"]*)"', page)]


def test_staff_of_b_never_see_a_name_of_a_anywhere_in_the_admin(
    organisation_a: Organisation, staff_b: User
) -> None:
    secrets = _secrets_of(organisation_a)
    assert "Grupo Alameda S.A." in secrets
    browser = HttpClient()
    browser.force_login(staff_b)
    queue, seen, leaks, opened = _admin_urls(organisation_a), set(), [], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = browser.get(url)
        assert response.status_code < 500, url
        page = response.content.decode()
        if response.status_code == 200:
            opened.append(url)
        leaks += [(url, name) for name in secrets if name in page or html.escape(name) in page]
        if response.status_code == 200 and "?" not in url and "/autocomplete/" not in url:
            queue += _filter_links(url, page)
    assert leaks == []
    # The walk did open the pages that matter, with their filters.
    assert "/admin/plazo/project/" in opened
    assert any(url.startswith("/admin/plazo/project/?client__id__exact=") for url in opened)
    assert "/admin/auth/user/" in opened


def test_every_admin_is_scoped_to_organisations_or_for_superusers_only() -> None:
    unscoped = [
        f"{model._meta.label}: {type(model_admin).__name__}"
        for model, model_admin in admin.site._registry.items()
        if not isinstance(
            model_admin, (ScopedAdmin, ScopedUserAdmin, OrganisationAdmin, SuperuserOnly)
        )
    ]
    assert unscoped == []


@pytest.mark.parametrize("model", [DBTaskResult, Group])
def test_task_results_and_groups_are_for_superusers_only(
    organisation_a: Organisation, staff_b: User, model: type[models.Model]
) -> None:
    row = model._default_manager.first()
    assert row is not None
    changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    change = f"{changelist}{row.pk}/change/"
    staff = HttpClient()
    staff.force_login(staff_b)
    assert staff.get(changelist).status_code == 403
    assert staff.get(change).status_code == 403
    index = staff.get("/admin/").content.decode()
    assert changelist not in index
    superuser = HttpClient()
    superuser.force_login(User.objects.create_superuser("root", "root@example.com", "pw"))
    assert superuser.get(changelist).status_code == 200
    assert superuser.get(change).status_code == 200
    assert changelist in superuser.get("/admin/").content.decode()


def test_the_project_filter_offers_only_bs_clients(
    organisation_a: Organisation, staff_b: User
) -> None:
    browser = HttpClient()
    browser.force_login(staff_b)
    page = browser.get("/admin/plazo/project/").content.decode()
    assert "Bravo Client" in page
    assert "Grupo Alameda" not in page


def test_a_projects_owner_choices_are_members_of_bs_organisations(
    organisation_a: Organisation, staff_b: User
) -> None:
    browser = HttpClient()
    browser.force_login(staff_b)
    project = Project.objects.get(name="Bravo project")
    page = browser.get(f"/admin/plazo/project/{project.pk}/change/").content.decode()
    assert "bea" in page
    demo_owner = Membership.objects.filter(organisation=organisation_a).first()
    assert demo_owner is not None
    assert f">{demo_owner.user.username}<" not in page


def _add(browser: HttpClient, model: str, data: dict[str, Any]) -> str:
    response = browser.post(f"/admin/plazo/{model}/add/", data)
    assert response.status_code == 200, (model, response.status_code)
    return response.content.decode()


@pytest.mark.parametrize("reference", ["blank", "foreign"])
def test_an_add_form_with_a_blank_or_foreign_project_is_a_form_error(
    organisation_a: Organisation, staff_b: User, reference: str
) -> None:
    browser = HttpClient()
    browser.force_login(staff_b)
    org_b = Organisation.objects.get(slug="bravo")
    project_a = Project.objects.filter(organisation=organisation_a).first()
    client_a = Client.objects.filter(organisation=organisation_a).first()
    assert project_a is not None
    assert client_a is not None
    project = "" if reference == "blank" else str(project_a.pk)
    client = "" if reference == "blank" else str(client_a.pk)
    common = {"organisation": org_b.pk}
    item = _add(
        browser,
        "workitem",
        common
        | {
            "project": project,
            "title": "T",
            "status": "todo",
            "added_on": "2026-11-02",
            "position": 0,
        },
    )
    assert "errorlist" in item
    case = _add(
        browser,
        "delaycase",
        common
        | {
            "project": project,
            "trigger": "person",
            "opened_at_0": "2026-11-02",
            "opened_at_1": "10:00",
        },
    )
    assert "errorlist" in case
    new_project = _add(
        browser,
        "project",
        common
        | {
            "client": client,
            "name": "N",
            "status": "active",
            "start_on": "2026-11-02",
            "capacity_hours_per_week": "30",
            "country": "ES",
            "checkin_weekday": 0,
            "checkin_hour": 9,
            "confidence_target": "0.85",
            "risk_threshold": "0.7",
            "value": "0",
            "currency": "EUR",
            "work_items-TOTAL_FORMS": 0,
            "work_items-INITIAL_FORMS": 0,
        },
    )
    assert "errorlist" in new_project
    assert not WorkItem.objects.filter(title="T").exists()
    assert not Project.objects.filter(name="N").exists()


def test_the_admin_refuses_a_holiday_calendar_that_does_not_exist(staff_b: User) -> None:
    browser = HttpClient()
    browser.force_login(staff_b)
    org_b = Organisation.objects.get(slug="bravo")
    client = Client.objects.get(name="Bravo Client")
    page = _add(
        browser,
        "project",
        {
            "organisation": org_b.pk,
            "client": client.pk,
            "name": "N",
            "status": "active",
            "start_on": "2026-11-02",
            "capacity_hours_per_week": "30",
            "country": "ES",
            "subdivision": "QQ",
            "checkin_weekday": 0,
            "checkin_hour": 9,
            "confidence_target": "0.85",
            "risk_threshold": "0.7",
            "value": "0",
            "currency": "EUR",
            "work_items-TOTAL_FORMS": 0,
            "work_items-INITIAL_FORMS": 0,
        },
    )
    assert "is not a subdivision of ES" in page
    assert not Project.objects.filter(name="N").exists()
