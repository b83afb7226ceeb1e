"""W7: the portfolio's next check-in is in the organisation's time zone, and says so."""

from __future__ import annotations

import re

import pytest

from tests.app.factories import make_client, make_org, make_project
from tests.app.web.helpers import browser_for

pytestmark = pytest.mark.django_db


def _cell(body: str) -> str:
    found = re.search(r'<td data-label="([^"]*)"><time datetime="[^"]+">([^<]*)</time></td>', body)
    assert found is not None, "no check-in cell"
    return f"{found.group(1)}: {found.group(2)}"


def test_a_london_clients_check_in_reads_in_chicago_time_with_the_zone_named() -> None:
    org = make_org(country="US", time_zone="America/Chicago", language="en")
    client = make_client(org, time_zone="Europe/London", country="GB")
    make_project(org, client, checkin_weekday=0, checkin_hour=9)  # Mondays 09:00 London

    body = browser_for(org)[0].get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    label, shown = _cell(body).split(": ", 1)
    assert label == "Next check-in (America/Chicago)"
    # The column header names it too, under its name (a narrow column at 1280 px).
    assert 'Next check-in<span class="th-sub">America/Chicago</span>' in body
    # 09:00 in London on a Monday is 03:00 in Chicago (04:00 in the weeks their clocks differ
    # in change): the page shows the organisation's time, month first and on a 12-hour clock
    # as in the US.
    assert re.fullmatch(r"Mon [A-Z][a-z]{2} \d{1,2}, [34]:00 AM", shown), shown


def test_the_zone_is_named_in_spanish_too() -> None:
    org = make_org(country="MX", time_zone="America/Mexico_City", language="es")
    make_project(org, make_client(org, time_zone="America/Mexico_City"), checkin_hour=9)

    body = browser_for(org)[0].get("/", HTTP_ACCEPT_LANGUAGE="es").content.decode()

    label, shown = _cell(body).split(": ", 1)
    assert label == "Próximo avance (America/Mexico_City)"
    assert shown.endswith("9:00 a.m.")  # Mexico tells the time on a 12-hour clock (CLDR)
