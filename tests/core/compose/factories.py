"""Inputs for composer tests: keyword defaults, one variant per language and register."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from plazo.core.compose import (
    BurnUp,
    Client,
    Contact,
    DelayCase,
    ForecastView,
    Message,
    Offer,
    Organisation,
    Project,
    Updates,
    compose_delay_notice,
    compose_delivered,
    compose_owner_alert,
    compose_weekly_update,
)

__all__ = [
    "SENT_AT",
    "VARIANTS",
    "make_burn_up",
    "make_case",
    "make_client",
    "make_contacts",
    "make_delay_notice",
    "make_delivered",
    "make_forecast",
    "make_offer",
    "make_organisation",
    "make_owner_alert",
    "make_project",
    "make_scope_change_case",
    "make_updates",
    "make_weekly_update",
]

# Monday 30 November 2026, 09:00 in Madrid.
SENT_AT = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)

# Spanish "vos" is informal with voseo (Argentina, Uruguay…); English has no voseo.
VARIANTS = [
    ("es", "formal"),
    ("es", "informal"),
    ("es", "vos"),
    ("en", "formal"),
    ("en", "informal"),
]


def make_organisation(**overrides: Any) -> Organisation:
    base = Organisation(
        name="Estudio Norte",
        language="es",
        currency="EUR",
        country="ES",
        sender_name="Estudio Norte",
        sender_email="avisos@estudionorte.es",
    )
    return replace(base, **overrides)


def make_client(language: str = "es", register: str = "formal", **overrides: Any) -> Client:
    name = "Bodegas Ribera" if language == "es" else "Harbour Books"
    tz = "Europe/Madrid" if language == "es" else "America/New_York"
    return replace(
        Client(name=name, language=language, register=register, time_zone=tz), **overrides
    )


def make_contacts(language: str = "es") -> tuple[Contact, ...]:
    if language == "es":
        return (Contact("Laura Gómez", "laura@bodegasribera.es"),)
    return (Contact("Laura Smith", "laura@harbourbooks.com"),)


def make_project(language: str = "es", **overrides: Any) -> Project:
    if language == "es":
        base = Project(
            key="p7",
            name="Tienda en línea",
            owner_name="Ana Ruiz",
            owner_email="ana@estudionorte.es",
            start_on=date(2026, 9, 1),
            promised_on=date(2026, 12, 15),
            stake="la junta anual de accionistas",
            stake_on=date(2027, 1, 20),
            value=Decimal("24000"),
            currency="EUR",
        )
    else:
        base = Project(
            key="p9",
            name="Online shop",
            owner_name="Ana Ruiz",
            owner_email="ana@estudionorte.es",
            start_on=date(2026, 9, 1),
            promised_on=date(2026, 12, 15),
            stake="the annual shareholders' meeting",
            stake_on=date(2027, 1, 20),
            value=Decimal("24000"),
            currency="USD",
        )
    return replace(base, **overrides)


def make_burn_up(weeks: int = 13) -> BurnUp:
    dates = tuple(date(2026, 9, 1) + timedelta(weeks=i) for i in range(weeks))
    done = tuple(float(7 * i) for i in range(weeks))
    scope = tuple(100.0 if i < 6 else 120.0 for i in range(weeks))
    return BurnUp(dates, done, scope)


def make_forecast(health: str = "at_risk", **overrides: Any) -> ForecastView:
    base = ForecastView(
        p50_on=date(2026, 12, 22),
        p85_on=date(2027, 1, 8),
        p95_on=date(2027, 1, 15),
        p_on_time=0.31,
        health=health,
        percent_complete=70.0,
        burn_up=make_burn_up(),
    )
    return replace(base, **overrides)


def make_updates(language: str = "es") -> Updates:
    if language == "es":
        return Updates(
            done=("Catálogo de productos", "Carrito de compra"),
            next=("Pasarela de pago", "Pruebas con usuarios"),
        )
    return Updates(
        done=("Product catalogue", "Shopping cart"), next=("Payment gateway", "User testing")
    )


def make_case(language: str = "es", **overrides: Any) -> DelayCase:
    if language == "es":
        base = DelayCase(
            new_on=date(2027, 1, 12),
            cause="la integración con la pasarela de pago resultó más compleja de lo que estimamos",
            identified="la pasarela exige una certificación de seguridad que no habíamos previsto",
            prevention=(
                "revisaremos los requisitos de cada proveedor externo"
                " antes de comprometer una fecha"
            ),
            recovery_steps=(
                "completar la certificación de seguridad antes del 18 de diciembre",
                "incorporar a una segunda desarrolladora al proyecto desde el lunes",
                "hacer las pruebas de pago en paralelo con el resto del trabajo",
            ),
            previous_promised_on=date(2026, 12, 15),
        )
    else:
        base = DelayCase(
            new_on=date(2027, 1, 12),
            cause="the payment gateway integration turned out to be more complex than we estimated",
            identified="the gateway requires a security certification we had not planned for",
            prevention=(
                "we will review every external provider's requirements before committing to a date"
            ),
            recovery_steps=(
                "complete the security certification by December 18",
                "bring a second developer onto the project from Monday",
                "run the payment tests in parallel with the remaining work",
            ),
            previous_promised_on=date(2026, 12, 15),
        )
    return replace(base, **overrides)


def make_scope_change_case(language: str = "es", **overrides: Any) -> DelayCase:
    """A delay the client's own request for more work causes (``cause_kind="scope_change"``)."""
    if language == "es":
        facts: dict[str, Any] = {
            "cause": "la tienda tendrá también una versión en inglés",
            "identified": "unas tres semanas de traducción, maquetación y pruebas",
            "prevention": "acordaremos por escrito la fecha de cada cambio antes de empezarlo",
            "recovery_steps": (
                "traducir las fichas de producto antes del 18 de diciembre",
                "incorporar a una traductora al proyecto desde el lunes",
                "probar la versión en inglés en paralelo con la pasarela de pago",
            ),
        }
    else:
        facts = {
            "cause": "the shop will also have a Spanish version",
            "identified": "about three weeks of translation, layout and testing",
            "prevention": "we will agree the date of every change in writing before we start on it",
            "recovery_steps": (
                "translate the product pages by December 18",
                "bring a translator onto the project from Monday",
                "test the Spanish version in parallel with the payment gateway",
            ),
        }
    return replace(make_case(language), cause_kind="scope_change", **{**facts, **overrides})


def make_offer(language: str = "es", **overrides: Any) -> Offer:
    currency = "EUR" if language == "es" else "USD"
    return replace(Offer(kind="discount", amount=Decimal("1200"), currency=currency), **overrides)


# The composed messages: every input from the factories above in one language and register;
# ``inputs`` replace any of them by the composer's own parameter names (``case=``, ``offer=None``,
# ``sent_at=``, ``sequence=``…).


def make_delay_notice(language: str = "es", register: str = "formal", **inputs: Any) -> Message:
    args: dict[str, Any] = {
        "organisation": make_organisation(),
        "client": make_client(language, register),
        "contacts": make_contacts(language),
        "project": make_project(language),
        "case": make_case(language),
        "offer": make_offer(language),
        "sent_at": SENT_AT,
        "sequence": 1,
    }
    return compose_delay_notice(**{**args, **inputs})


def make_weekly_update(language: str = "es", register: str = "formal", **inputs: Any) -> Message:
    args: dict[str, Any] = {
        "organisation": make_organisation(),
        "client": make_client(language, register),
        "contacts": make_contacts(language),
        "project": make_project(language),
        "forecast": make_forecast(),
        "updates": make_updates(language),
        "sent_at": SENT_AT,
    }
    return compose_weekly_update(**{**args, **inputs})


def make_delivered(language: str = "es", register: str = "formal", **inputs: Any) -> Message:
    args: dict[str, Any] = {
        "organisation": make_organisation(),
        "client": make_client(language, register),
        "contacts": make_contacts(language),
        "project": make_project(language),
        "delivered_items": ["Tienda publicada", "Manual de uso"],
        "offer": make_offer(language, kind="credit"),
        "delivered_on": date(2027, 1, 11),
        "sent_at": SENT_AT,
    }
    return compose_delivered(**{**args, **inputs})


def make_owner_alert(language: str = "es", **inputs: Any) -> Message:
    args: dict[str, Any] = {
        "organisation": make_organisation(language=language),
        "project": make_project(language),
        "forecast": make_forecast(),
        "client_name": "Bodegas Ribera",
        "draft_url": "https://plazo.example/delays/7/",
        "sent_at": SENT_AT,
    }
    return compose_owner_alert(**{**args, **inputs})
