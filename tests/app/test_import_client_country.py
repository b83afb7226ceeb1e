"""Clients import with their country (ISO 3166 alpha-2) and time zone."""

from __future__ import annotations

import pytest

from plazo.store.models import Client
from plazo.store.services.importing import ImportRejected, import_text
from tests.app.factories import NOW, make_org

pytestmark = pytest.mark.django_db


def _import(org: object, text: str) -> None:
    import_text(org, "clients", text, "csv", source="c.csv", now=NOW)  # type: ignore[arg-type]


def test_a_clients_country_and_time_zone_are_imported() -> None:
    org = make_org(country="ES", time_zone="Europe/Madrid")
    _import(
        org,
        "name,language,country,time_zone\n"
        "Tacos Norte,es,mx,America/Monterrey\n"
        "Harbour Books,en,GB,\n"
        "Bodega Sur,es,,\n",
    )
    clients = {c.name: (c.country, c.time_zone) for c in Client.objects.filter(organisation=org)}
    assert clients == {
        "Tacos Norte": ("MX", "America/Monterrey"),
        "Harbour Books": ("GB", "Europe/London"),  # no zone given: the country's
        "Bodega Sur": ("", "Europe/Madrid"),  # neither: the organisation's
    }


def test_an_unknown_or_malformed_country_is_a_row_problem_and_nothing_is_written() -> None:
    org = make_org()
    with pytest.raises(ImportRejected) as rejected:
        _import(org, "name,country,time_zone\nA,MX,\nB,XX,\nC,Mexico,\nD,ZZ,Mars/Olympus\n")
    assert [p.format("c.csv") for p in rejected.value.problems] == [
        "c.csv:3:2: country: is not an ISO 3166 country code such as ES or MX, got 'XX'",
        "c.csv:4:2: country: must be a 2-letter code, got 'MEXICO'",
        "c.csv:5:2: country: is not an ISO 3166 country code such as ES or MX, got 'ZZ'",
        "c.csv:5:3: time_zone: must be UTC or a time zone such as Europe/Madrid or "
        "America/Mexico_City, got 'Mars/Olympus'",
    ]
    assert not Client.objects.filter(organisation=org).exists()


def test_an_empty_country_cell_leaves_the_stored_one() -> None:
    org = make_org()
    _import(org, "name,country\nTacos Norte,MX\n")
    _import(org, "name,country,notes\nTacos Norte,,regular\n")
    assert Client.objects.get(organisation=org, name="Tacos Norte").country == "MX"
