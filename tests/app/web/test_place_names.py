"""Places by their names, in the page's language and order, and the days off they bring
(outsider 6: "Valenciana (VC)" and a code-less "Barcelona" among Spain's regions, Bélgica after
Bután, "inglés | Español", and no page that said which days are off)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from plazo.store.services.pages.days_off import days_off_ahead
from plazo.web.forms.places import country_choices, region_choices
from tests.app.factories import make_client, make_org, make_project
from tests.app.web.helpers import browser_for

pytestmark = pytest.mark.django_db


def test_spains_regions_have_their_names_and_barcelona_is_a_local_calendar_after_them() -> None:
    with translation.override("es"):
        regions = region_choices("ES")
    labels = [label for _code, label in regions]
    assert ("VC", "Comunitat Valenciana (VC)") in regions
    assert "Valenciana (VC)" not in labels
    assert labels[-1] == "Barcelona (festivos locales)"
    assert all(label.endswith(")") and "(" in label for label in labels)


@pytest.mark.parametrize(
    ("before", "accented", "after"),
    [
        ("Barbados (BB)", "Bélgica (BE)", "Belice (BZ)"),
        ("Mayotte (YT)", "México (MX)", "Micronesia (FM)"),
        ("Letonia (LV)", "Líbano (LB)", "Liberia (LR)"),
    ],
)
def test_a_spanish_country_list_sorts_accented_names_where_a_reader_looks(
    before: str, accented: str, after: str
) -> None:
    with translation.override("es"):
        labels = [label for _code, label in country_choices()]
    assert labels.index(before) < labels.index(accented) < labels.index(after)


def test_the_language_switcher_names_each_language_in_itself() -> None:
    browser, _ = browser_for(make_org())
    for accept in ("es", "en"):
        page = browser.get(reverse("web:portfolio"), HTTP_ACCEPT_LANGUAGE=accept).content.decode()
        options = re.findall(r'<option value="(en|es)" lang="\1"[^>]*>([^<]+)</option>', page)
        assert dict(options) == {"en": "English", "es": "Español"}


def test_the_days_off_ahead_are_the_weekday_holidays_by_name_in_the_readers_language() -> None:
    org = make_org(country="ES")
    project = make_project(org, country="ES", subdivision="VC", promised_on=date(2027, 1, 29))
    spanish = days_off_ahead(project, today=date(2026, 12, 7), language="es")
    assert spanish is not None
    assert spanish.last == date(2027, 3, 9)  # three months ahead: later than the promise
    assert spanish.days == (
        (date(2026, 12, 8), "Inmaculada Concepción"),
        (date(2026, 12, 25), "Natividad del Señor"),
        (date(2027, 1, 1), "Año Nuevo"),
        (date(2027, 1, 6), "Epifanía del Señor"),
    )
    later = days_off_ahead(
        project, today=date(2026, 12, 7), language="en", finish_on=date(2027, 3, 31)
    )
    assert later is not None
    assert (date(2027, 3, 19), "Saint Joseph's Day") in later.days  # Valencia's own


def test_a_holiday_on_a_weekend_is_no_day_off_of_the_plan() -> None:
    project = make_project(make_org(country="GB"), country="GB", subdivision="")
    ahead = days_off_ahead(project, today=date(2026, 12, 21), language="en")
    assert ahead is not None
    days = dict(ahead.days)
    assert date(2026, 12, 26) not in days  # Boxing Day is a Saturday
    assert days[date(2026, 12, 28)] == "Boxing Day (observed)"


def test_the_project_page_lists_the_days_off_in_the_pages_language() -> None:
    org = make_org(country="ES")
    project = make_project(org, make_client(org), country="ES", subdivision="VC")
    browser, _ = browser_for(org)
    spanish = browser.get(f"/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    english = browser.get(f"/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Próximos días no laborables" in spanish
    assert "Festivos de España, Comunitat Valenciana (VC)" in spanish
    assert "Days off ahead" in english
    assert "Public holidays of Spain, Comunitat Valenciana (VC)" in english
