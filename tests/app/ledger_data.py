"""A small hand-built promise ledger whose every metric is worked out by hand in the tests.

Two clients, three projects, all in 2025 (weekdays: 24 Apr 2025 is a Thursday):

- Alfa / Web: promised 14 Mar, delivered that day (kept).
- Alfa / App: promised 30 Apr; on 24 Apr a notice moves it to 30 May (4 working days' notice);
  delivered 3 Jun (broken, and nobody said so: a silent miss). An offer of 200 EUR, applied as 150.
- Beta / Shop: promised 16 Jun; on 20 Jun, after the date, it moves to 31 Jul, the client told by
  phone that day (-4 working days: a silent miss); on 25 Jul it moves again to 29 Aug (4 working
  days' notice; a re-slip); delivered 29 Aug (kept). Offers: 100 EUR still offered, 50 USD declined.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from plazo.store.models import Client, Offer, Organisation, Project
from plazo.store.services.ledger.promises import deliver_project, record_promise
from tests.app.factories import make_client, make_org, make_project
from tests.app.web.helpers import send

__all__ = ["HandLedger", "hand_ledger", "offer"]

UTC = ZoneInfo("UTC")
START = date(2025, 1, 6)


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=UTC)


@dataclass(frozen=True)
class HandLedger:
    """The organisation and its two clients."""

    org: Organisation
    alfa: Client
    beta: Client


def offer(
    project: Project, amount: str, currency: str, state: str, on: date, **fields: object
) -> Offer:
    """A compensation offer made on ``on``."""
    return Offer.objects.create(
        organisation_id=project.organisation_id,
        project=project,
        kind="discount",
        amount=Decimal(amount),
        currency=currency,
        description="discount",
        state=state,
        offered_at=_at(on),
        **fields,
    )


def _promise(
    project: Project, on: date, made: date, *, notice: bool = False, told: bool = False
) -> None:
    message = send(project, kind="delay_notice", sent_at=_at(made)) if notice else None
    told_on, reason = (made, "Told by phone.") if told else (None, "")
    record_promise(project, on, made_at=_at(made), notice=message, told_on=told_on, reason=reason)


def hand_ledger(
    org: Organisation | None = None, *, alfa_name: str = "Alfa", beta_name: str = "Beta"
) -> HandLedger:
    """Build the ledger described in this module's docstring."""
    org = org or make_org()
    alfa, beta = make_client(org, name=alfa_name), make_client(org, name=beta_name)
    web = make_project(org, alfa, name=f"{alfa_name} web", start_on=START)
    _promise(web, date(2025, 3, 14), date(2025, 1, 10))
    deliver_project(web, date(2025, 3, 14))
    app = make_project(org, alfa, name=f"{alfa_name} app", start_on=START)
    _promise(app, date(2025, 4, 30), date(2025, 2, 3))
    _promise(app, date(2025, 5, 30), date(2025, 4, 24), notice=True)
    deliver_project(app, date(2025, 6, 3))
    offer(app, "200", "EUR", "applied", date(2025, 4, 24), applied_amount=Decimal("150"))
    shop = make_project(org, beta, name=f"{beta_name} shop", start_on=START)
    _promise(shop, date(2025, 6, 16), date(2025, 5, 1))
    _promise(shop, date(2025, 7, 31), date(2025, 6, 20), told=True)
    _promise(shop, date(2025, 8, 29), date(2025, 7, 25), notice=True)
    deliver_project(shop, date(2025, 8, 29))
    offer(shop, "100", "EUR", "offered", date(2025, 6, 20))
    offer(shop, "50", "usd", "declined", date(2025, 7, 25))
    return HandLedger(org, alfa, beta)
