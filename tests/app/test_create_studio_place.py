"""``create_studio`` fills in what it is not given by the rule ``plazo init`` and ``/setup/``
start from (``place_defaults``): a US studio on a machine in Chicago starts in Chicago, on a
machine on UTC (or in an unknown zone) in the country's main zone, never in UTC."""

from __future__ import annotations

import pytest

from plazo.cli.init_answers import default_answers
from plazo.store.services.access.studio import create_studio

pytestmark = pytest.mark.django_db
PASSWORD = "una-clave-larga"


def _machine(monkeypatch: pytest.MonkeyPatch, zone: str) -> None:
    monkeypatch.setenv("TIME_ZONE", zone)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_TIME", raising=False)


def _init_zone(country: str) -> str:
    return default_answers(
        organisation=None,
        email=None,
        name="",
        country=country,
        currency=None,
        time_zone=None,
        language=None,
    ).time_zone


@pytest.mark.parametrize(
    ("machine", "country", "expected"),
    [
        ("America/Chicago", "US", "America/Chicago"),  # the machine's, one of the country's
        ("UTC", "US", "America/New_York"),  # the country's main zone, not UTC
        ("Mars/Olympus", "US", "America/New_York"),  # an unknown machine zone: the same
        ("UTC", "AR", "America/Argentina/Buenos_Aires"),
        ("Europe/London", "ES", "Europe/Madrid"),  # the machine's is not in the country
    ],
)
def test_a_studio_given_no_time_zone_starts_where_plazo_init_would(
    monkeypatch: pytest.MonkeyPatch, machine: str, country: str, expected: str
) -> None:
    _machine(monkeypatch, machine)

    created = create_studio(
        organisation="Prairie Pixels", email="dana@example.com", password=PASSWORD, country=country
    )

    assert created.organisation.time_zone == expected
    assert _init_zone(country) == expected


def test_a_time_zone_given_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    _machine(monkeypatch, "America/Chicago")
    created = create_studio(
        organisation="Prairie Pixels",
        email="dana@example.com",
        password=PASSWORD,
        country="US",
        time_zone="America/Denver",
    )
    assert created.organisation.time_zone == "America/Denver"
