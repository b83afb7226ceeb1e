"""The delivered note and the owner alert read exactly as written."""
# ruff: noqa: E501  (expected messages are compared line for line, long lines included)

from __future__ import annotations

import pytest

from tests.core.compose.factories import (
    make_delivered,
    make_owner_alert,
)

DELIVERED = {
    ("es", "formal"): (
        "Tienda en línea: entregado",
        """\
Buenos días, Laura:

Me alegra comunicarle que el 11 de enero de 2027 entregamos «Tienda en línea». Muchas gracias por su confianza y por su paciencia.

Esto es lo que hemos entregado:
- Tienda publicada
- Manual de uso

Como le prometimos, el crédito de 1.200,00 € se aplicará a su próximo proyecto con nosotros: se descontará de la primera factura de ese proyecto.

Si tiene cualquier duda, puede responder a este mismo correo.

Atentamente,
Ana Ruiz
Estudio Norte
""",
    ),
    ("es", "informal"): (
        "Tienda en línea: entregado",
        """\
Hola, Laura:

Me alegra decirte que el 11 de enero de 2027 entregamos «Tienda en línea». Muchas gracias por tu confianza y por tu paciencia.

Esto es lo que hemos entregado:
- Tienda publicada
- Manual de uso

Como te prometimos, el crédito de 1.200,00 € se aplicará a tu próximo proyecto con nosotros: se descontará de la primera factura de ese proyecto.

Si tienes cualquier duda, responde a este mismo correo.

Un saludo,
Ana Ruiz
Estudio Norte
""",
    ),
    ("en", "formal"): (
        "Online shop: delivered",
        """\
Dear Laura,

I am pleased to let you know that we delivered "Online shop" on January 11, 2027. Thank you for your trust and your patience.

This is what we delivered:
- Shop live
- User guide

As promised, the credit of $1,200.00 will be applied to your next project with us: it will come off its first invoice.

If you have any questions, please reply to this e-mail.

Kind regards,
Ana Ruiz
Estudio Norte
""",
    ),
    ("en", "informal"): (
        "Online shop: delivered",
        """\
Hi Laura,

Happy to let you know that we delivered "Online shop" on January 11, 2027. Thank you for your trust and your patience.

This is what we delivered:
- Shop live
- User guide

As promised, the credit of $1,200.00 will be applied to your next project with us: it will come off its first invoice.

Any questions? Just reply to this e-mail.

Best,
Ana Ruiz
Estudio Norte
""",
    ),
}

ALERTS = {
    "es": (
        "Aviso de retraso pendiente: Tienda en línea (Bodegas Ribera)",
        """\
Hola, Ana:

Hay que avisar a Bodegas Ribera de un retraso en «Tienda en línea».

Por qué: la probabilidad de cumplir la fecha prometida, el 15 de diciembre de 2026, es del 31 %. La previsión da el 22 de diciembre de 2026 como fecha más probable (P50), el 8 de enero de 2027 con un 85 % de confianza (P85) y el 15 de enero de 2027 con un 95 % (P95). El trabajo va por el 70 %.

El borrador del aviso está listo para revisar y aprobar:
https://plazo.example/delays/7/

Cuanto antes se lo digamos, mejor lo recibirá el cliente.

plazo · Estudio Norte
""",
    ),
    "en": (
        "Delay notice needed: Online shop (Bodegas Ribera)",
        """\
Hi Ana,

"Online shop" (Bodegas Ribera) needs a delay notice to the client.

Why: the probability of meeting the promised date, December 15, 2026, is 31%. The forecast gives December 22, 2026 as the most likely date (P50), January 8, 2027 with 85% confidence (P85) and January 15, 2027 with 95% (P95). It is 70% complete.

The draft notice is ready to review and approve:
https://plazo.example/delays/7/

The earlier the client hears it, the better they take it.

plazo · Estudio Norte
""",
    ),
}


@pytest.mark.parametrize(("language", "register"), list(DELIVERED))
def test_delivered_text_is_exactly_as_written(language: str, register: str) -> None:
    items = (
        ["Tienda publicada", "Manual de uso"] if language == "es" else ["Shop live", "User guide"]
    )
    message = make_delivered(language, register, delivered_items=items)
    assert (message.subject, message.text) == DELIVERED[(language, register)]


@pytest.mark.parametrize("language", list(ALERTS))
def test_owner_alert_text_is_exactly_as_written(language: str) -> None:
    message = make_owner_alert(language)
    assert (message.subject, message.text) == ALERTS[language]
