"""A client addressed with *vos* reads voseo in every Spanish mail, never a tú-only form."""

from __future__ import annotations

import re
from datetime import date

import pytest

from plazo.core import check
from plazo.core.compose import (
    Register,
    compose_delay_notice,
    compose_delivered,
    compose_weekly_update,
)
from tests.core.compose.factories import (
    SENT_AT,
    make_case,
    make_client,
    make_contacts,
    make_forecast,
    make_offer,
    make_organisation,
    make_project,
    make_updates,
)

# Present-tense and imperative forms of tú that voseo replaces (tenés, podés, contás, respondé…).
TU_ONLY = (
    "tienes", "puedes", "cuentas", "responde", "quieres", "sabes", "eres", "estás",
    "necesitas", "prefieres", "escribe", "avísame", "dime", "confirma", "revisa",
)  # fmt: skip
ELEMENTS = ("apology", "impact", "assurance", "new_date", "cause", "plan", "compensation")


def _tu_forms(text: str) -> list[str]:
    words = re.findall(r"\w+", text.lower())
    return [word for word in words if word in TU_ONLY]


def _spanish_mails() -> list[tuple[str, str]]:
    """Every Spanish client mail with vos: notices on each side of the stake, a re-slip, a
    change of scope the client asked for (first and re-slip), each
    health of the weekly update (first and later), delivered with each kind of offer."""
    client = make_client("es", "vos", time_zone="America/Argentina/Mendoza", locale="es_AR")
    args = (make_organisation(), client, make_contacts("es"))
    mails = []
    for new_on, stake_on in (
        (date(2027, 1, 12), date(2027, 1, 20)),
        (date(2027, 1, 27), date(2027, 1, 20)),
        (date(2027, 1, 12), None),
    ):
        for earlier in ((), (date(2026, 12, 1),)):
            notice = compose_delay_notice(
                *args,
                make_project("es", stake_on=stake_on),
                make_case("es", new_on=new_on, earlier_promised_on=earlier),
                make_offer("es"),
                sent_at=SENT_AT,
                sequence=1,
            )
            mails.append((f"notice {new_on} {len(earlier)}", notice.text))
            mails.append((f"notice html {new_on} {len(earlier)}", notice.html))
    no_stake = compose_delay_notice(
        *args,
        make_project("es", stake="", stake_on=None),
        make_case("es"),
        make_offer("es"),
        sent_at=SENT_AT,
        sequence=1,
    )
    mails.append(("notice without stake", no_stake.text))
    for earlier in ((), (date(2026, 12, 1),)):
        scope_change = compose_delay_notice(
            *args,
            make_project("es"),
            make_case("es", cause_kind="scope_change", earlier_promised_on=earlier),
            make_offer("es"),
            sent_at=SENT_AT,
            sequence=1,
        )
        mails.append((f"scope change {len(earlier)}", scope_change.text))
        mails.append((f"scope change html {len(earlier)}", scope_change.html))
    for health in ("on_track", "at_risk", "late"):
        for since_start in (False, True):
            updates = make_updates("es")
            if since_start:
                updates = type(updates)(done=(), next=updates.next, since_start=True)
            weekly = compose_weekly_update(
                *args,
                make_project("es"),
                make_forecast(health),
                updates,
                sent_at=SENT_AT,
                with_chart=False,
            )
            mails.append((f"weekly {health} {since_start}", weekly.text))
            mails.append((f"weekly html {health} {since_start}", weekly.html))
    for kind in ("discount", "credit", "extra"):
        delivered = compose_delivered(
            *args,
            make_project("es"),
            ("Catálogo", "Pasarela de pago"),
            make_offer("es", kind=kind, description="soporte prioritario"),
            delivered_on=date(2027, 1, 12),
            sent_at=SENT_AT,
        )
        mails.append((f"delivered {kind}", delivered.text))
        mails.append((f"delivered html {kind}", delivered.html))
    return mails


def test_vos_is_a_register_of_its_own() -> None:
    assert Register("vos") is Register.VOS
    assert make_client("es", "vos").register == "vos"


@pytest.mark.parametrize(("name", "text"), _spanish_mails(), ids=lambda v: str(v)[:40])
def test_a_vos_client_reads_no_tu_only_form(name: str, text: str) -> None:
    assert _tu_forms(text) == []


def test_a_vos_client_reads_voseo_where_tu_had_its_own_form() -> None:
    notice = compose_delay_notice(
        make_organisation(),
        make_client("es", "vos"),
        make_contacts("es"),
        make_project("es"),
        make_case("es"),
        make_offer("es"),
        sent_at=SENT_AT,
        sequence=1,
    )
    assert "Sé que contás con tenerlo" in notice.text
    assert "Si tenés cualquier duda, respondé a este mismo correo." in notice.text
    assert "Hola, Laura:" in notice.text  # informal: greeted by first name, pronouns of tú
    assert "te ofrecemos" in notice.text
    report = check.check(notice.text, lang="es")
    assert [e for e in ELEMENTS if not report.elements[e].present] == []
    assert list(report.warnings) == []


def test_the_same_words_in_tu_keep_tu() -> None:
    notice = compose_delay_notice(
        make_organisation(),
        make_client("es", "informal"),
        make_contacts("es"),
        make_project("es"),
        make_case("es"),
        make_offer("es"),
        sent_at=SENT_AT,
        sequence=1,
    )
    assert "Si tienes cualquier duda, responde a este mismo correo." in notice.text
    assert "tenés" not in notice.text


def test_english_has_no_voseo_so_vos_reads_casual_english() -> None:
    def text(register: str) -> str:
        return compose_delay_notice(
            make_organisation(),
            make_client("en", register),
            make_contacts("en"),
            make_project("en"),
            make_case("en"),
            make_offer("en"),
            sent_at=SENT_AT,
            sequence=1,
        ).text

    assert text("vos") == text("informal")
