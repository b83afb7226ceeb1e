"""The ledger page: the hand-worked numbers, its filters, its walls, its queries, its languages."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any
from urllib.parse import parse_qs

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from plazo.web.ledger_charts import bar_chart, column_chart
from plazo.web.ledger_filters import read_filter
from tests.app.factories import make_org
from tests.app.ledger_data import hand_ledger
from tests.app.web.helpers import browser_for

pytestmark = pytest.mark.django_db
YEAR_2025 = "/ledger/?period=custom&from=2025-01-01&to=2025-12-31"


def _page(url: str, org: Any, **headers: Any) -> str:
    response = browser_for(org)[0].get(url, **headers)
    assert response.status_code == 200
    return str(response.content.decode())


def test_the_headline_shows_each_number_with_the_count_behind_it() -> None:
    page = _page(YEAR_2025, hand_ledger().org)
    assert "From 1 Jan 2025 to 31 Dec 2025 · all clients" in page
    assert '<dd class="number">67 %</dd>' in page
    assert "2 of 3 settled promises kept" in page
    assert '<dd class="number">33 %</dd>' in page
    assert "1 of 3 projects slipped twice or more" in page
    assert "4 working days" in page  # the median of -4, 4 and 4
    assert "median; mean 1.3, over 3 notices" in page
    assert (
        '<div class="bad"><dt>Deadlines missed without notice</dt>\n    <dd class="number">2</dd>'
        in page
    )
    assert "€300.00" in page
    assert "offered in 2 offers; €200.00 accepted (in 1), €150.00 applied (in 1)" in page
    assert "$50.00" in page


def test_the_silent_misses_are_listed_with_a_link_to_their_project() -> None:
    ledger = hand_ledger()
    page = _page(YEAR_2025, ledger.org)
    app = ledger.alfa.projects.get(name="Alfa app")
    assert f'<a href="/projects/{app.pk}/">Alfa app</a>' in page
    assert "30 May 2025" in page
    assert "16 Jun 2025" in page


def test_the_per_client_table_has_one_row_per_client() -> None:
    ledger = hand_ledger()
    page = _page(YEAR_2025, ledger.org)
    link = (
        f'href="?client={ledger.alfa.pk}&amp;period=custom&amp;from=2025-01-01&amp;to=2025-12-31"'
    )
    assert link in page  # a client's row narrows the page to it, keeping the period
    table = page[page.index('<table class="per-client">') :]
    alfa = table[table.index(">Alfa</a>") : table.index(">Beta</a>")]
    cells = [c.split(">", 1)[1].split("<", 1)[0] for c in alfa.split("<td ")[1:]]
    assert cells[:7] == ["50 %", "3", "1", "1", "1 / 2", "0", "1"]
    assert "4.0" in alfa
    assert "€200.00 (€200.00)" in alfa


def test_filtering_by_client_shows_only_that_client() -> None:
    ledger = hand_ledger()
    page = _page(f"{YEAR_2025}&client={ledger.beta.pk}", ledger.org)
    assert "· Beta</p>" in page
    assert "1 of 1 settled promise kept" in page
    assert "1 of 1 project slipped twice or more" in page
    assert ">Alfa</a>" not in page
    assert f'<option value="{ledger.beta.pk}" selected>Beta</option>' in page


def test_filtering_by_period_counts_only_what_fell_in_it() -> None:
    org = hand_ledger().org
    first_quarter = _page("/ledger/?period=custom&from=2025-01-01&to=2025-03-31", org)
    assert "1 of 1 settled promise kept" in first_quarter
    assert "no offer made in the period" in first_quarter
    assert "On-time rate per month" in first_quarter
    empty = _page("/ledger/?period=custom&from=2024-01-01&to=2024-12-31", org)
    assert "no promise settled in the period" in empty
    assert "no project in the period" in empty
    assert "0 of 0" not in empty
    assert "Nothing was promised, due or offered in the period." in empty


def test_another_organisations_ledger_is_never_shown() -> None:
    mine = make_org()
    theirs = hand_ledger(alfa_name="Their secret client")
    page = _page(f"{YEAR_2025}&client={theirs.alfa.pk}", mine)
    assert "Their secret client" not in page
    assert "· no such client</p>" in page
    assert "no promise settled in the period" in page
    assert "Their secret client" not in _page(YEAR_2025, mine)


def test_htmx_gets_only_the_content_and_the_response_varies_on_it() -> None:
    browser, _ = browser_for(hand_ledger().org)
    response = browser.get(YEAR_2025, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.startswith('<div id="ledger">')
    assert "<html" not in body
    assert "HX-Request" in response["Vary"]


def test_the_page_takes_the_same_number_of_queries_whatever_the_organisation_size(
    django_assert_max_num_queries: Any,
) -> None:
    counts = []
    for copies in (1, 10):
        org = make_org()
        for n in range(copies):
            hand_ledger(org, alfa_name=f"Alfa {n}", beta_name=f"Beta {n}")
        browser, _ = browser_for(org)
        browser.get(YEAR_2025)  # warm the session
        with CaptureQueriesContext(connection) as queries:
            assert browser.get(YEAR_2025).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # session, user, membership; clients, promises, offers, the listed promises' cancellations
    # and reopenings; the nav's count of waiting updates
    with django_assert_max_num_queries(8):
        browser.get(YEAR_2025)


def test_hostile_client_names_are_escaped_everywhere() -> None:
    hostile = '<script>alert("x")</script>'
    page = _page(YEAR_2025, hand_ledger(alfa_name=hostile).org)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert page.count("&lt;script&gt;") >= 4  # filter, silent misses, client bars, table


def test_the_page_speaks_spanish() -> None:
    page = _page(YEAR_2025, hand_ledger().org, HTTP_ACCEPT_LANGUAGE="es")
    assert "Promesas y métricas" in page
    assert "Del 1 ene 2025 al 31 dic 2025" in page  # one format: lower-case months
    assert "ofrecido en 1 oferta; 0,00\xa0US$ aceptado (en 0)" in page
    assert "2 de 3 promesas resueltas cumplidas" in page
    assert "300,00\xa0€" in page
    assert 'x1="56.0"' in page  # chart coordinates are never localised ("56,0")


def test_the_navigation_links_to_the_page() -> None:
    page = _page("/", hand_ledger().org)
    assert '<a href="/ledger/">Ledger</a>' in page


def test_the_ledger_nav_link_is_current_on_the_ledger_page() -> None:
    assert '<a href="/ledger/" aria-current="page">Ledger</a>' in _page("/ledger/", make_org())


@pytest.mark.parametrize(
    ("query", "since", "until"),
    [
        ({}, date(2025, 12, 1), date(2026, 11, 27)),
        ({"period": "this_quarter"}, date(2026, 10, 1), date(2026, 12, 31)),
        ({"period": "last_quarter"}, date(2026, 7, 1), date(2026, 9, 30)),
        ({"period": "this_year"}, date(2026, 1, 1), date(2026, 12, 31)),
        (
            {"period": "custom", "from": "2025-02-03", "to": "2025-03-04"},
            date(2025, 2, 3),
            date(2025, 3, 4),
        ),
        (
            {"period": "custom", "from": "2025-03-04", "to": "2025-02-03"},
            date(2025, 12, 1),
            date(2026, 11, 27),
        ),
        (
            {"period": "custom", "from": "0205-01-01", "to": "2025-01-01"},
            date(2025, 12, 1),
            date(2026, 11, 27),
        ),
        ({"period": "nonsense", "client": "x"}, date(2025, 12, 1), date(2026, 11, 27)),
    ],
)
def test_periods_are_read_from_the_query_string(
    query: dict[str, str], since: date, until: date
) -> None:
    wanted = read_filter(query, today=date(2026, 11, 27))
    assert (wanted.since, wanted.until, wanted.client_id) == (since, until, None)


def test_the_last_quarter_of_january_is_last_years_fourth() -> None:
    wanted = read_filter({"period": "last_quarter"}, today=date(2026, 1, 15))
    assert (wanted.since, wanted.until) == (date(2025, 10, 1), date(2025, 12, 31))


def test_rate_columns_stand_on_the_axis_and_reach_the_top_at_one() -> None:
    chart = column_chart([[1.0], [0.5], [None]], y_max=1.0)
    full, half = chart.columns[0].rects[0], chart.columns[1].rects[0]
    assert (full.y, full.y + full.height) == (chart.top, chart.bottom)
    assert half.height == pytest.approx(full.height / 2, abs=0.1)
    assert chart.columns[2].missing
    assert chart.columns[2].rects == ()
    assert [t.value for t in chart.y_ticks] == [0.0, 0.25, 0.5, 0.75, 1.0]


def test_grouped_columns_sit_side_by_side_within_their_slot() -> None:
    chart = column_chart([[300.0, 200.0], [0.0, 0.0]])
    offered, accepted = chart.columns[0].rects
    assert chart.y_max == 300.0
    assert accepted.x == pytest.approx(offered.x + offered.width + 1)
    assert accepted.height == pytest.approx(offered.height * 2 / 3, abs=0.1)


def test_client_bars_are_proportional_to_the_rate() -> None:
    chart = bar_chart([("a", 1.0), ("b", 0.25)])
    assert chart.rows[0].width == pytest.approx(chart.right - chart.left)
    assert chart.rows[1].width == pytest.approx((chart.right - chart.left) / 4, abs=0.1)
    assert chart.rows[1].y > chart.rows[0].y


def test_the_page_needs_a_login() -> None:
    response = HttpClient().get("/ledger/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_counts_take_their_plural_in_english_and_spanish() -> None:
    ledger = hand_ledger()
    url = f"{YEAR_2025}&client={ledger.beta.pk}"
    spanish = _page(url, ledger.org, HTTP_ACCEPT_LANGUAGE="es")
    assert "1 de 1 promesa resuelta cumplida" in spanish
    assert "1 de 1 proyecto se retrasó dos veces o más" in spanish
    assert "1 de 1 promesas" not in spanish
    empty = _page(
        "/ledger/?period=custom&from=2024-01-01&to=2024-12-31",
        ledger.org,
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert "ninguna promesa resuelta en el periodo" in empty
    assert "0 de 0" not in empty


@pytest.mark.parametrize(
    ("median", "language", "says"),
    [
        (1.0, "en", "1 working day"),
        (1.0, "es", "1 día hábil"),
        (1.5, "en", "1.5 working days"),
        (4, "es", "4 días hábiles"),
    ],
)
def test_the_median_notice_lead_agrees_with_its_number(
    median: float, language: str, says: str
) -> None:
    template = Template(
        '{% load i18n plazo %}{% blocktrans with median=value|floatformat:"-1" count '
        "days=value|plural_count %}{{ median }} working day{% plural %}{{ median }} working "
        "days{% endblocktrans %}"
    )
    with translation.override(language):
        assert template.render(Context({"value": median})) == says


def _page_links(page: str) -> list[tuple[str, dict[str, list[str]]]]:
    """The promise list's page links: each one's words and query (the current page unlinked)."""
    nav = page.split('<nav class="pages"', 1)[1].split("</nav>", 1)[0]
    found = re.findall(r'<(?:a href="\?([^"]*)"[^>]*|span aria-current="page")>([^<]*)<', nav)
    return [(text, parse_qs(html.unescape(query))) for query, text in found]


def _promise_list(page: str) -> str:
    return page.split('id="h-promises"', 1)[1].split("</table>", 1)[0]


def _promise_rows(page: str) -> int:
    return _promise_list(page).count('data-label="Promised date"')


def test_the_promise_list_pages_keep_the_filters(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import datetime, time

    from plazo.store.services.ledger.promises import record_promise
    from plazo.store.services.pages import ledger as ledger_pages
    from tests.app.factories import UTC, make_client, make_project

    monkeypatch.setattr(ledger_pages, "PROMISES_PER_PAGE", 5)
    org = make_org()
    gamma, delta = make_client(org, name="Gamma"), make_client(org, name="Delta")
    for client, promises in ((gamma, 12), (delta, 3)):
        project = make_project(org, client, name=f"{client.name} site", start_on=date(2025, 1, 1))
        for month in range(1, promises + 1):
            made = datetime.combine(date(2025, month, 1), time(9), UTC)
            told = {"told_on": made.date(), "reason": "by phone"} if month > 1 else {}
            record_promise(project, date(2025, month, 20), made_at=made, **told)  # type: ignore[arg-type]
    url = f"{YEAR_2025}&client={gamma.pk}"
    browser = browser_for(org)[0]

    first = browser.get(url).content.decode()
    assert "Promises 1–5 of 12, newest first." in first
    assert _promise_rows(first) == 5
    assert "20 Dec 2025" in _promise_list(first)
    assert "Delta site" not in first
    links = _page_links(first)
    assert [text for text, _ in links] == ["1", "2", "3", "Next"]
    wanted = {"client": [str(gamma.pk)], "period": ["custom"]}
    wanted |= {"from": ["2025-01-01"], "to": ["2025-12-31"]}
    assert [query for _, query in links[1:]] == [
        {**wanted, "page": ["2"]},
        {**wanted, "page": ["3"]},
        {**wanted, "page": ["2"]},
    ]

    last = browser.get(f"{url}&page=3").content.decode()
    assert "Promises 11–12 of 12, newest first." in last
    assert _promise_rows(last) == 2
    assert "20 Jan 2025" in _promise_list(last)
    assert "20 Dec 2025" not in _promise_list(last)
    assert [text for text, _ in _page_links(last)] == ["Previous", "1", "2", "3"]
    assert _page_links(last)[0][1] == {**wanted, "page": ["2"]}
    spanish = browser.get(f"{url}&page=2", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Promesas 6–10 de 12, de la más reciente a la más antigua." in spanish

    everyone = browser.get(YEAR_2025).content.decode()
    assert "Promises 1–5 of 15, newest first." in everyone


def test_a_short_promise_list_has_no_page_links() -> None:
    page = _page(YEAR_2025, hand_ledger().org)
    assert "6 promises, newest first." in page
    assert 'class="pages"' not in page
