"""A client addressed with *vos* reads voseo in every Spanish mail, never a tú-only form."""

from __future__ import annotations

import re
from datetime import date

import pytest

from plazo.core import check
from plazo.core.compose import (
    Register,
)
from tests.core.compose.factories import (
    make_case,
    make_client,
    make_delay_notice,
    make_delivered,
    make_forecast,
    make_offer,
    make_project,
    make_updates,
    make_weekly_update,
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
    mails = []
    for new_on, stake_on in (
        (date(2027, 1, 12), date(2027, 1, 20)),
        (date(2027, 1, 27), date(2027, 1, 20)),
        (date(2027, 1, 12), None),
    ):
        for earlier in ((), (date(2026, 12, 1),)):
            notice = make_delay_notice(
                client=client,
                project=make_project("es", stake_on=stake_on),
                case=make_case("es", new_on=new_on, earlier_promised_on=earlier),
            )
            mails.append((f"notice {new_on} {len(earlier)}", notice.text))
            mails.append((f"notice html {new_on} {len(earlier)}", notice.html))
    no_stake = make_delay_notice(client=client, project=make_project("es", stake="", stake_on=None))
    mails.append(("notice without stake", no_stake.text))
    for earlier in ((), (date(2026, 12, 1),)):
        scope_change = make_delay_notice(
            client=client,
            case=make_case("es", cause_kind="scope_change", earlier_promised_on=earlier),
        )
        mails.append((f"scope change {len(earlier)}", scope_change.text))
        mails.append((f"scope change html {len(earlier)}", scope_change.html))
    for health in ("on_track", "at_risk", "late"):
        for since_start in (False, True):
            updates = make_updates("es")
            if since_start:
                updates = type(updates)(done=(), next=updates.next, since_start=True)
            weekly = make_weekly_update(
                client=client, forecast=make_forecast(health), updates=updates, with_chart=False
            )
            mails.append((f"weekly {health} {since_start}", weekly.text))
            mails.append((f"weekly html {health} {since_start}", weekly.html))
    for kind in ("discount", "credit", "extra"):
        delivered = make_delivered(
            client=client,
            delivered_items=("Catálogo", "Pasarela de pago"),
            offer=make_offer("es", kind=kind, description="soporte prioritario"),
            delivered_on=date(2027, 1, 12),
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
    notice = make_delay_notice("es", "vos")
    assert "Sé que contás con tenerlo" in notice.text
    assert "Si tenés cualquier duda, respondé a este mismo correo." in notice.text
    assert "Hola, Laura:" in notice.text  # informal: greeted by first name, pronouns of tú
    assert "te ofrecemos" in notice.text
    report = check.check(notice.text, lang="es")
    assert [e for e in ELEMENTS if not report.elements[e].present] == []
    assert list(report.warnings) == []


def test_the_same_words_in_tu_keep_tu() -> None:
    notice = make_delay_notice("es", "informal")
    assert "Si tienes cualquier duda, responde a este mismo correo." in notice.text
    assert "tenés" not in notice.text


def test_english_has_no_voseo_so_vos_reads_casual_english() -> None:
    def text(register: str) -> str:
        return make_delay_notice("en", register).text

    assert text("vos") == text("informal")
