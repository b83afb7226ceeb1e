"""The holiday calendar is picked from lists that fit the studio's country (finding 10).

A studio in Austin read "Region (optional, e.g. SCT for Scotland)" on its project form, and
typed its holiday country as an ISO code in a free box while the client form had a list.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from plazo.store.models import Project
from tests.app.factories import make_client, make_org
from tests.app.web.helpers import browser_for
from tests.app.web.test_studio_editing import _new_project, _studio_browser

pytestmark = pytest.mark.django_db


def _select(page: str, name: str) -> str:
    match = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, flags=re.S)
    assert match is not None, f"no <select name={name!r}>"
    return match.group(1)


def test_a_us_studio_is_offered_its_own_regions_not_scotland() -> None:
    org = make_org(country="US")
    make_client(org)
    browser, _ = browser_for(org)
    page = browser.get(reverse("web:project_new")).content.decode()
    assert "SCT for Scotland" not in page
    regions = _select(page, "subdivision")
    assert '<option value="TX">Texas (TX)</option>' in regions
    assert "Scotland" not in regions
    countries = _select(page, "country")
    assert re.search(r'<option value="US" selected>United States \(US\)</option>', countries)
    assert 'hx-get="/projects/regions/"' in page  # a new country brings its regions


def test_the_regions_follow_the_country_picked() -> None:
    browser, _ = browser_for(make_org())
    options = browser.get(reverse("web:holiday_regions"), {"country": "GB"}).content.decode()
    assert '<option value="SCT">Scotland (SCT)</option>' in options
    assert "Texas" not in options
    assert '<option value="" selected>' in options  # none chosen: the national holidays


def test_a_region_of_another_country_is_refused_in_words() -> None:
    browser, org = _studio_browser()
    client = make_client(org)
    form = browser.get(reverse("web:project_new"))
    response = browser.post(
        reverse("web:project_new"),
        {
            "client": client.pk,
            "name": "Tienda online",
            "start_on": "2026-12-07",
            "capacity_hours_per_week": "20",
            "value": "0",
            "currency": "EUR",
            "checkin_weekday": "0",
            "checkin_hour": "9",
            "confidence_percent": "85",
            "owner": form.context["form"].initial["owner"],
            "country": "ES",
            "subdivision": "TX",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["subdivision"] == [
        "This region is not known for that country."
    ]


def test_a_region_of_the_country_is_kept() -> None:
    browser, org = _studio_browser()
    project = _new_project(browser, make_client(org), country="ES", subdivision="MD")
    project = Project.objects.get(pk=project.pk)
    assert (project.country, project.subdivision) == ("ES", "MD")


def test_the_organisations_holiday_country_is_the_client_forms_list() -> None:
    browser, _ = browser_for(make_org(country="US"))
    page = browser.get(reverse("web:organisation_settings")).content.decode()
    countries = _select(page, "country")
    assert re.search(r'<option value="US" selected>United States \(US\)</option>', countries)
    assert '<option value="MX">Mexico (MX)</option>' in countries
    assert 'name="country" maxlength="2"' not in page  # no free-text box any more
