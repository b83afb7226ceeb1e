"""A studio of one's own through plain HTTP: set up, log in by e-mail, add a client, a project,
its work items, and run this week's loop; every edit re-forecasts before the page answers."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from plazo.store.models import (
    CheckinDecision,
    Client,
    Commitment,
    Contact,
    DelayCase,
    Forecast,
    Membership,
    Message,
    Organisation,
    Project,
    WorkItem,
)
from plazo.store.services.access.studio import StudioSetupError, create_studio
from tests.app.factories import make_client, make_org, make_project
from tests.app.web.helpers import browser_for

pytestmark = pytest.mark.django_db
PASSWORD = "una-clave-larga"


def _studio_browser() -> tuple[HttpClient, Organisation]:
    created = create_studio(
        organisation="Estudio Norte", email="ana@example.com", password=PASSWORD
    )
    browser = HttpClient()
    response = browser.post(
        reverse("web:login"), {"username": "ana@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302, response.content
    return browser, created.organisation


def _new_project(browser: HttpClient, client: Client, **fields: object) -> Project:
    today = timezone.localdate()
    data = {
        "client": client.pk,
        "name": "Tienda online",
        "start_on": today.isoformat(),
        "promised_on": (today + timedelta(days=28)).isoformat(),
        "stake": "la campaña de Reyes",
        "stake_on": (today + timedelta(days=35)).isoformat(),
        "capacity_hours_per_week": "20",
        "value": "12000",
        "currency": "EUR",
        "checkin_weekday": "0",
        "checkin_hour": "9",
        "confidence_percent": "85",
        "owner": "",
        "country": "ES",
        "subdivision": "",
        **fields,
    }
    form = browser.get(reverse("web:project_new"))
    data["owner"] = data["owner"] or form.context["form"].initial["owner"]
    response = browser.post(reverse("web:project_new"), data)
    assert response.status_code == 302, response.context["form"].errors
    return Project.objects.get(name=data["name"])


def test_the_first_run_form_creates_the_studio_and_then_is_gone() -> None:
    browser = HttpClient()
    assert browser.get(reverse("web:login"))["Location"] == reverse("web:setup")
    page = browser.get(reverse("web:setup"))
    assert page.status_code == 200
    assert b'name="organisation"' in page.content
    response = browser.post(
        reverse("web:setup"),
        {
            "organisation": "Estudio Norte",
            "name": "Ana Pérez",
            "email": "Ana@Example.com",
            "password": PASSWORD,
            "password_again": PASSWORD,
            "language": "es",
            "currency": "eur",
            "country": "es",
            "time_zone": "atlantic/canary",
        },
    )
    assert response["Location"] == reverse("web:portfolio")
    membership = Membership.objects.get()
    assert membership.role == "owner"
    assert membership.user.is_superuser
    assert membership.organisation.currency == "EUR"
    assert membership.organisation.time_zone == "Atlantic/Canary"
    assert membership.organisation.policy_toml.strip()
    assert browser.get(reverse("web:portfolio")).status_code == 200
    assert HttpClient().get(reverse("web:setup")).status_code == 404


def test_the_owner_logs_in_with_the_e_mail_address_in_any_case() -> None:
    create_studio(organisation="Estudio Norte", email="ana@example.com", password=PASSWORD)
    browser = HttpClient()
    wrong = browser.post(reverse("web:login"), {"username": "ANA@example.com", "password": "x"})
    assert wrong.status_code == 200
    right = browser.post(
        reverse("web:login"), {"username": "ANA@example.com", "password": PASSWORD}
    )
    assert right.status_code == 302


def test_a_client_needs_only_a_name_and_a_contact_e_mail() -> None:
    browser, _org = _studio_browser()
    page = browser.get(reverse("web:client_new"))
    assert page.status_code == 200
    assert b'name="contact_email"' in page.content
    response = browser.post(
        reverse("web:client_new"),
        {"name": "Librería Sol", "contact_email": "eva@sol.es", "register": "informal"},
    )
    client = Client.objects.get(name="Librería Sol")
    assert response["Location"] == reverse("web:client", args=[client.pk])
    assert client.language == "es"
    assert client.time_zone == "Europe/Madrid"
    assert client.register == "informal"
    assert list(Contact.objects.filter(client=client).values_list("email", "is_primary")) == [
        ("eva@sol.es", True)
    ]
    assert b"eva@sol.es" in browser.get(reverse("web:clients")).content


def test_a_new_project_records_its_promise_and_is_not_forecast_without_tasks() -> None:
    browser, org = _studio_browser()
    client = make_client(org, language="es", time_zone="Europe/Madrid")
    assert browser.get(reverse("web:project_new")).status_code == 200
    project = _new_project(browser, client)
    assert project.owner is not None
    assert project.owner.email == "ana@example.com"
    assert project.stake == "la campaña de Reyes"
    commitment = Commitment.objects.get(project=project)
    assert commitment.promised_on == project.promised_on
    assert commitment.made_by == project.owner
    # No tasks, no forecast: one would read "finish tomorrow, 100 % likely" (the quick add
    # below is forecast before its page answers).
    assert Forecast.objects.filter(project=project).count() == 0


def test_the_first_items_page_says_once_that_there_is_no_forecast_yet() -> None:
    browser, org = _studio_browser()
    client = make_client(org, language="es", time_zone="Europe/Madrid")
    browser.cookies["django_language"] = "es"
    _new_project(browser, client)
    page = browser.get(reverse("web:project_items", args=[Project.objects.get().pk]))
    text = page.content.decode()
    assert "Proyecto creado" in text
    assert text.count("Aún no hay previsión") == 1


def test_quick_add_mark_done_and_the_forecast_moves() -> None:
    browser, org = _studio_browser()
    project = _new_project(browser, make_client(org))
    url = reverse("web:project_items", args=[project.pk])
    lines = "\n".join(f"Tarea {n}, {4 + n}h" for n in range(1, 9))
    response = browser.post(url, {"lines": lines + "\nSin estimar\nCon coma; 1,5 h"}, follow=True)
    assert b"Forecast updated before this page answered" in response.content
    items = list(WorkItem.objects.filter(project=project).order_by("position"))
    assert [i.title for i in items[:2]] == ["Tarea 1", "Tarea 2"]
    assert items[0].estimate_hours == Decimal("5")
    assert items[8].estimate_hours is None
    assert items[9].estimate_hours == Decimal("1.5")
    before = Forecast.objects.filter(project=project).latest("created_at", "pk")
    done = browser.post(
        reverse("web:item_done", args=[items[0].pk]),
        {"actual_hours": "7", "completed_on": timezone.localdate().isoformat()},
        HTTP_HX_REQUEST="true",
    )
    assert done.status_code == 200
    assert b'id="forecast-note"' in done.content
    after = Forecast.objects.filter(project=project).latest("created_at", "pk")
    assert after.pk != before.pk
    assert after.remaining_hours < before.remaining_hours
    items[0].refresh_from_db()
    assert (items[0].status, items[0].actual_hours) == ("done", Decimal("7"))


def test_reorder_inline_edit_and_remove_keep_the_scope_change() -> None:
    browser, org = _studio_browser()
    project = _new_project(browser, make_client(org))
    browser.post(reverse("web:project_items", args=[project.pk]), {"lines": "A, 2h\nB, 3h\nC, 4h"})
    a, b, c = WorkItem.objects.filter(project=project).order_by("position")
    browser.post(reverse("web:item_move", args=[c.pk]), {"direction": "up"})
    assert [i.title for i in WorkItem.objects.filter(project=project).order_by("position")] == [
        "A",
        "C",
        "B",
    ]
    browser.post(reverse("web:item_edit", args=[a.pk]), {"estimate_hours": "6", "status": "doing"})
    a.refresh_from_db()
    assert (a.estimate_hours, a.status) == (Decimal("6"), "doing")
    browser.post(reverse("web:item_remove", args=[b.pk]))
    b.refresh_from_db()
    assert b.removed_on == timezone.localdate()
    assert WorkItem.objects.filter(pk=b.pk).exists()


def test_a_removed_task_can_be_restored_with_one_click_where_it_stood() -> None:
    """Removing is one click with no confirmation, so it has an undo (walk 6, M10): the removed
    row offers Restore, which puts the task back in the plan, in its place, and re-forecasts."""
    browser, org = _studio_browser()
    project = _new_project(browser, make_client(org))
    browser.post(reverse("web:project_items", args=[project.pk]), {"lines": "A, 2h\nB, 3h\nC, 4h"})
    _, b, c = WorkItem.objects.filter(project=project).order_by("position")
    browser.post(reverse("web:item_remove", args=[b.pk]))
    removed = Forecast.objects.filter(project=project).newest_first().first()
    assert removed is not None
    assert removed.remaining_hours == 6
    page = browser.get(reverse("web:project_items", args=[project.pk])).content.decode()
    restore = reverse("web:item_restore", args=[b.pk])
    assert f'action="{restore}"' in page
    assert 'aria-label="Restore B"' in page

    response = browser.post(restore, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    b.refresh_from_db()
    assert b.removed_on is None
    assert [i.title for i in WorkItem.objects.filter(project=project, removed_on=None)] == [
        "A",
        "B",
        "C",
    ]
    latest = Forecast.objects.filter(project=project).newest_first().first()
    assert latest is not None
    assert latest.remaining_hours == 9
    assert f'action="{restore}"' not in response.content.decode()
    # a second click on a task already back in the plan changes nothing
    assert browser.post(restore).status_code == 302
    b.refresh_from_db()
    assert b.removed_on is None
    browser.post(reverse("web:item_remove", args=[c.pk]))
    spanish = browser.get(
        reverse("web:project_items", args=[project.pk]), HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert ">Restaurar</button>" in spanish


def test_on_day_zero_estimates_that_do_not_fit_read_at_risk_from_the_start_not_late() -> None:
    """Walk 6, M12: the day a project was created, with nothing done, the portfolio said "late".
    What is known is that the estimates do not fit before the promise; once a task is done the
    forecast has a pace, and a promise it misses is late."""
    browser, org = _studio_browser()
    project = _new_project(browser, make_client(org))  # 20 h a week, promised in four weeks
    browser.post(
        reverse("web:project_items", args=[project.pk]), {"lines": "A, 90h\nB, 90h\nC, 90h"}
    )
    forecast = Forecast.objects.filter(project=project).newest_first().first()
    assert forecast is not None
    assert forecast.p_on_time is not None
    assert forecast.p_on_time < 0.5

    for url in (reverse("web:portfolio"), reverse("web:project", args=[project.pk])):
        page = browser.get(url).content.decode()
        assert "at risk from the start: the estimates don&#x27;t fit" in page, url
        assert 'class="badge late"' not in page, url
        spanish = browser.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
        assert "en riesgo desde el inicio: las estimaciones no caben" in spanish, url
    Contact.objects.create(organisation=org, client=project.client, name="Eva", email="eva@x.es")
    preview = browser.get(
        reverse("web:week_preview", args=[project.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "the work does not fit before the promised date" in preview
    assert "current pace" not in preview

    a = WorkItem.objects.get(project=project, title="A")
    browser.post(
        reverse("web:item_done", args=[a.pk]),
        {"actual_hours": "90", "completed_on": timezone.localdate().isoformat()},
    )
    page = browser.get(reverse("web:portfolio")).content.decode()
    assert "estimates don&#x27;t fit" not in page
    assert 'class="badge late"' in page


def test_a_promised_date_changes_only_through_the_ledger() -> None:
    browser, org = _studio_browser()
    project = _new_project(browser, make_client(org))
    form = browser.get(reverse("web:project_edit", args=[project.pk])).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    new_on = project.promised_on + timedelta(days=7)  # type: ignore[operator]
    data.update(
        promised_on=new_on.isoformat(),
        promise_reason="El cliente amplió el alcance",
        promise_told_on=timezone.localdate().isoformat(),  # told by phone, outside plazo
    )
    response = browser.post(reverse("web:project_edit", args=[project.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    promises = list(Commitment.objects.filter(project=project).order_by("made_at", "pk"))
    assert [p.promised_on for p in promises] == [project.promised_on, new_on]
    assert promises[1].reason == "El cliente amplió el alcance"
    assert promises[1].is_current


def test_this_week_send_now_queues_the_update_and_hold_and_skip_are_kept() -> None:
    browser, org = _studio_browser()
    project = _new_project(browser, make_client(org))
    Contact.objects.create(organisation=org, client=project.client, name="Eva", email="eva@x.es")
    browser.post(reverse("web:project_items", args=[project.pk]), {"lines": "A, 2h\nB, 3h"})
    page = browser.get(reverse("web:week"))
    assert b"eva@x.es" in page.content
    assert project.name.encode() in page.content
    preview = browser.get(reverse("web:week_preview", args=[project.pk]), HTTP_HX_REQUEST="true")
    assert preview.status_code == 200
    assert b"mail-text" in preview.content
    browser.post(reverse("web:week_decide", args=[project.pk]), {"decision": "hold"})
    assert CheckinDecision.objects.get(project=project).decision == "hold"
    refused = browser.post(
        reverse("web:week_decide", args=[project.pk]), {"decision": "skip"}, follow=True
    )
    assert b"say why" in refused.content
    browser.post(
        reverse("web:week_decide", args=[project.pk]), {"decision": "skip", "reason": "vacaciones"}
    )
    assert CheckinDecision.objects.get(project=project).reason == "vacaciones"
    browser.post(reverse("web:week_decide", args=[project.pk]), {"decision": "send"})
    update = Message.objects.get(project=project, kind="weekly_update")
    assert update.state == "queued"
    assert update.recipients == ["eva@x.es"]


def test_a_person_opens_a_delay_case_and_lands_on_its_review() -> None:
    browser, org = _studio_browser()
    project = _new_project(browser, make_client(org))
    browser.post(reverse("web:project_items", args=[project.pk]), {"lines": "A, 2h"})
    confirm = browser.get(reverse("web:delay_case_open", args=[project.pk]))
    assert b"Open the delay case" in confirm.content
    assert not DelayCase.objects.filter(project=project).exists()  # asking opens nothing
    response = browser.post(reverse("web:delay_case_open", args=[project.pk]))
    case = DelayCase.objects.get(project=project)
    assert response["Location"] == reverse("web:delay_case", args=[case.pk])
    assert case.trigger == "person"
    assert case.state == "draft"
    # Two hours of work: the forecast keeps the promise, so it supports no later date (M13).
    assert case.recommended_on is None
    review = browser.get(response["Location"])
    assert review.status_code == 200
    assert b'data-testid="no-recommendation"' in review.content


def test_a_member_cannot_invite_but_an_owner_can() -> None:
    browser, _org = _studio_browser()
    response = browser.post(reverse("web:members"), {"email": "luis@example.com", "role": "member"})
    assert response.status_code == 200
    assert b"/invitation/" in response.content
    assert Membership.objects.get(user__email="luis@example.com").role == "member"
    other_org = make_org()
    member_browser, person = browser_for(other_org)
    Membership.objects.filter(user=person).update(role="member")
    refused = member_browser.post(
        reverse("web:members"), {"email": "x@example.com", "role": "owner"}
    )
    assert refused.status_code == 403
    assert not Membership.objects.filter(user__email="x@example.com").exists()


def test_another_organisations_client_and_items_are_not_found() -> None:
    theirs = make_org()
    project = make_project(theirs)
    item = WorkItem.objects.create(
        organisation=theirs, project=project, title="x", added_on=project.start_on
    )
    browser, _ = browser_for(make_org())
    assert browser.get(reverse("web:client", args=[project.client_id])).status_code == 404
    assert browser.post(reverse("web:item_done", args=[item.pk]), {}).status_code == 404
    assert browser.get(reverse("web:project_items", args=[project.pk])).status_code == 404


def test_the_owner_must_be_a_member_of_the_organisation() -> None:
    browser, org = _studio_browser()
    client = make_client(org)
    stranger = browser_for(make_org())[1]
    with pytest.raises(AssertionError):
        _new_project(browser, client, owner=stranger.pk)
    assert not Project.objects.filter(owner=stranger).exists()


def test_a_promise_in_the_past_is_refused_and_nothing_is_created() -> None:
    browser, org = _studio_browser()
    yesterday = timezone.localdate() - timedelta(days=1)
    with pytest.raises(AssertionError):
        _new_project(browser, make_client(org), promised_on=yesterday.isoformat())
    assert not Project.objects.exists()


def test_the_new_client_form_speaks_spanish() -> None:
    browser, _ = _studio_browser()
    page = browser.get(reverse("web:client_new"), HTTP_ACCEPT_LANGUAGE="es")
    assert "Correo electrónico del contacto" in page.content.decode()


def test_a_second_first_run_is_refused_even_when_the_form_was_open() -> None:
    browser = HttpClient()
    form = browser.get(reverse("web:setup"))  # opened before anyone finished
    assert form.status_code == 200
    create_studio(organisation="Estudio Norte", email="ana@example.com", password=PASSWORD)
    with pytest.raises(StudioSetupError, match="already set up"):
        create_studio(organisation="Otro", email="luis@example.com", password=PASSWORD, first=True)
    assert browser.post(reverse("web:setup"), {"organisation": "Otro"}).status_code == 404


def test_the_forecast_mode_is_chosen_in_the_project_form_and_the_forecast_follows_it() -> None:
    browser, org = _studio_browser()
    client = make_client(org)
    page = browser.get(reverse("web:project_new")).content.decode()
    assert 'name="forecast_mode"' in page
    assert "when most remaining items have one" in page  # the help text says what auto does
    project = _new_project(browser, client, forecast_mode="estimates")
    assert project.forecast_mode == "estimates"
    browser.post(reverse("web:project_items", args=[project.pk]), {"lines": "A, 2h\nB\nC"})
    assert _model_reason(project).startswith("estimates, as the project is set")

    form = browser.get(reverse("web:project_edit", args=[project.pk])).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    assert data["forecast_mode"] == "estimates"
    response = browser.post(
        reverse("web:project_edit", args=[project.pk]), {**data, "forecast_mode": "auto"}
    )
    assert response.status_code == 302, response.context["form"].errors
    project.refresh_from_db()
    assert project.forecast_mode == "auto"
    # Two of three items lack estimates, but nothing was completed lately to count a pace from.
    assert _model_reason(project).startswith("estimates: no items completed in recent weeks")


def _model_reason(project: Project) -> str:
    latest = Forecast.objects.filter(project=project).latest_run()
    assert latest is not None
    return latest.model_reason


def test_a_project_posted_without_a_forecast_mode_keeps_its_own() -> None:
    browser, org = _studio_browser()
    project = _new_project(browser, make_client(org))
    assert project.forecast_mode == "auto"
    Project.objects.filter(pk=project.pk).update(forecast_mode="throughput")
    form = browser.get(reverse("web:project_edit", args=[project.pk])).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k != "forecast_mode"}
    browser.post(reverse("web:project_edit", args=[project.pk]), {**data, "name": "Otra"})
    project.refresh_from_db()
    assert (project.name, project.forecast_mode) == ("Otra", "throughput")
