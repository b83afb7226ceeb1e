"""Regional forms and registers: voseo, vosotros, usted, casual and formal English."""

from __future__ import annotations

from plazo.core.check import check


def _present(text: str) -> set[str]:
    return {name for name, result in check(text).elements.items() if result.present}


def test_rioplatense_voseo_message_is_understood() -> None:
    text = (
        "Ché, disculpá la demora. Sé que contabas con el catálogo para la expo. El proveedor de "
        "papel no entregó a tiempo. Ya conseguimos otro y el viernes 9 lo tenés. Te bonificamos "
        "el envío."
    )
    assert {"apology", "impact", "cause", "new_date", "compensation"} <= _present(text)


def test_peninsular_vosotros_message_is_understood() -> None:
    text = "Os pedimos disculpas. Sabemos que os fastidia. Tendréis la web el 3 de junio."
    assert {"apology", "impact", "new_date"} <= _present(text)


def test_vosotros_blame_is_flagged() -> None:
    report = check("Vosotros cambiasteis el diseño tres veces y por eso vamos tarde.")
    assert "blames_client" in report.warning_codes


def test_ustedes_blame_is_flagged_and_its_duration_is_not_a_new_date() -> None:
    report = check(
        "Ustedes nos enviaron los planos con dos semanas de retraso, por eso vamos tarde."
    )
    assert "blames_client" in report.warning_codes
    assert not report.elements["new_date"].present


def test_casual_english_message_is_understood() -> None:
    text = (
        "Hey folks, apologies! The shoot is pushed to next Thursday. I know you needed the photos "
        "for the catalogue. Our photographer broke her wrist. We've booked a replacement "
        "photographer and we'll shoot in two sessions."
    )
    assert {"apology", "impact", "new_date", "cause", "plan"} <= _present(text)


def test_possessive_blame_is_flagged() -> None:
    report = check("Your team's late approval of the mockups is what pushed the launch back.")
    assert "blames_client" in report.warning_codes


def test_sympathy_is_not_an_apology_but_the_new_date_counts() -> None:
    text = (
        "I'm sorry to hear about your dog. The website will launch on June 5th instead of May 29th."
    )
    assert _present(text) >= {"new_date"}
    assert "apology" not in _present(text)
