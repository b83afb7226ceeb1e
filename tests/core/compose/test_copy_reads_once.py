"""Client-facing copy says each thing once: the offer, the extra, the cause; greets by name."""

from __future__ import annotations

from decimal import Decimal

import pytest

from plazo.core import check
from plazo.core.compose import Contact
from tests.core.compose.factories import (
    VARIANTS,
    make_case,
    make_contacts,
    make_delay_notice,
    make_offer,
    make_updates,
    make_weekly_update,
)


def _notice(language: str, register: str, **kwargs: object):  # type: ignore[no-untyped-def]
    defaults: dict[str, object] = {
        "contacts": make_contacts(language),
        "case": make_case(language),
        "offer": make_offer(language),
        "extra_offers": (),
    }
    defaults.update(kwargs)
    return make_delay_notice(
        language,
        register,
        contacts=defaults["contacts"],
        case=defaults["case"],
        offer=defaults["offer"],
        extra_offers=defaults["extra_offers"],
    )


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_a_discount_with_its_percentage_is_named_once(language: str, register: str) -> None:
    offer = make_offer(language, amount=Decimal("1920"), percent=Decimal(8))
    text = _notice(language, register, offer=offer).text
    if language == "es":
        assert "un descuento del 8\xa0% sobre el precio de este proyecto (1.920,00\xa0€)." in text
        assert text.count("descuento") == 1
    else:
        assert "a discount of 8% on the price of this project ($1,920.00)." in text
        assert text.count("discount") == 1


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_a_free_extra_says_at_no_cost_once(language: str, register: str) -> None:
    name = "un mes de soporte prioritario" if language == "es" else "one month of priority support"
    extra = make_offer(language, kind="extra", amount=Decimal("400"), description=name)
    message = _notice(language, register, extra_offers=(extra,))
    free = "sin coste" if language == "es" else "at no cost"
    assert message.text.count(free) == 1
    assert name in message.text
    assert check.check(message.text, lang=language).passes


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_a_cause_with_its_own_colon_makes_one_colon(language: str, register: str) -> None:
    cause = (
        "la integración resultó más compleja de lo previsto: el proveedor cambió su interfaz"
        if language == "es"
        else "the integration was harder than planned: the provider changed its interface"
    )
    text = _notice(language, register, case=make_case(language, cause=cause)).text
    [line] = [line for line in text.splitlines() if cause in line]
    assert line.count(":") == 1
    assert check.check(text, lang=language).passes


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_greetings_use_the_first_name_or_the_formal_salutation(
    language: str, register: str
) -> None:
    plain = Contact("Mateo Ruiz Díaz", "mateo@example.com")
    titled = Contact("Mateo Ruiz Díaz", "mateo@example.com", salutation="Sr. Ruiz")
    named = Contact("María José Pérez", "mj@example.com", first_name="María José")

    def first_line(contact: Contact) -> str:
        return _notice(language, register, contacts=(contact,)).text.splitlines()[0]

    assert "Ruiz Díaz" not in first_line(plain)
    assert "Mateo" in first_line(plain)
    assert "María José" in first_line(named)
    if register == "formal":
        assert "Sr. Ruiz" in first_line(titled)
    else:
        assert "Mateo" in first_line(titled)
        assert "Sr. Ruiz" not in first_line(titled)


@pytest.mark.parametrize(("language", "register"), VARIANTS)
def test_a_first_update_lists_what_is_done_so_far(language: str, register: str) -> None:
    updates = make_updates(language)
    first = make_weekly_update(
        language,
        register,
        updates=type(updates)(done=updates.done, next=updates.next, since_start=True),
    )
    assert ("Hecho hasta ahora:" if language == "es" else "Done so far:") in first.text
    assert updates.done[0] in first.text
    assert "closed this week" not in first.text
    assert "Esta semana no hay" not in first.text
