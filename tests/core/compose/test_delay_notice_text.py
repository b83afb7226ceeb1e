"""A delay notice reads exactly as written, in each language and register."""
# ruff: noqa: E501  (expected messages are compared line for line, long lines included)

from __future__ import annotations

import pytest

from tests.core.compose.factories import make_delay_notice

EXPECTED = {
    ("es", "formal"): (
        "Tienda en línea: retraso en la entrega, nueva fecha el 12 de enero de 2027",
        """\
Buenos días, Laura:

Lamento mucho tener que comunicarle que no vamos a poder entregar «Tienda en línea» el 15 de diciembre de 2026, como nos comprometimos. Le pido disculpas por ello.

Sé que cuenta con tenerlo antes de la junta anual de accionistas del 20 de enero de 2027, y entiendo lo que este retraso le complica. La nueva fecha sigue llegando antes de esa cita, aunque con menos margen del que esperaba.

Hemos identificado el problema: la pasarela exige una certificación de seguridad que no habíamos previsto. Para que no vuelva a ocurrir, revisaremos los requisitos de cada proveedor externo antes de comprometer una fecha.

La nueva fecha de entrega es el 12 de enero de 2027.

El retraso se debe a que la integración con la pasarela de pago resultó más compleja de lo que estimamos.

Nuestro plan para recuperar el retraso:
1. Completar la certificación de seguridad antes del 18 de diciembre
2. Incorporar a una segunda desarrolladora al proyecto desde el lunes
3. Hacer las pruebas de pago en paralelo con el resto del trabajo

Para compensar las molestias, le ofrecemos un descuento de 1.200,00 € sobre el precio de este proyecto.

Le adjunto el evento de calendario actualizado con la nueva fecha. Si tiene cualquier duda, puede responder a este mismo correo.

Atentamente,
Ana Ruiz
Estudio Norte
""",
    ),
    ("es", "informal"): (
        "Tienda en línea: retraso en la entrega, nueva fecha el 12 de enero de 2027",
        """\
Hola, Laura:

Siento mucho tener que decirte que no vamos a poder entregar «Tienda en línea» el 15 de diciembre de 2026, como nos comprometimos. Te pido disculpas por ello.

Sé que cuentas con tenerlo antes de la junta anual de accionistas del 20 de enero de 2027, y entiendo lo que este retraso te complica. La nueva fecha sigue llegando antes de esa cita, aunque con menos margen del que esperabas.

Hemos identificado el problema: la pasarela exige una certificación de seguridad que no habíamos previsto. Para que no vuelva a ocurrir, revisaremos los requisitos de cada proveedor externo antes de comprometer una fecha.

La nueva fecha de entrega es el 12 de enero de 2027.

El retraso se debe a que la integración con la pasarela de pago resultó más compleja de lo que estimamos.

Nuestro plan para recuperar el retraso:
1. Completar la certificación de seguridad antes del 18 de diciembre
2. Incorporar a una segunda desarrolladora al proyecto desde el lunes
3. Hacer las pruebas de pago en paralelo con el resto del trabajo

Para compensar las molestias, te ofrecemos un descuento de 1.200,00 € sobre el precio de este proyecto.

Te adjunto el evento de calendario actualizado con la nueva fecha. Si tienes cualquier duda, responde a este mismo correo.

Un saludo,
Ana Ruiz
Estudio Norte
""",
    ),
    ("en", "formal"): (
        "Online shop: delivery delayed, new date January 12, 2027",
        """\
Dear Laura,

I am very sorry to tell you that we will not be able to deliver "Online shop" on December 15, 2026, as we promised. Please accept my apologies.

I know you are counting on having it before the annual shareholders' meeting on January 20, 2027, and I understand the trouble this delay causes you. The new date still comes before it, though with less room than you expected.

We have identified the problem: the gateway requires a security certification we had not planned for. To make sure it does not happen again, we will review every external provider's requirements before committing to a date.

The new delivery date is January 12, 2027.

The delay happened because the payment gateway integration turned out to be more complex than we estimated.

Our recovery plan:
1. Complete the security certification by December 18
2. Bring a second developer onto the project from Monday
3. Run the payment tests in parallel with the remaining work

To make up for the inconvenience, we would like to offer you a discount of $1,200.00 on the price of this project.

The attached calendar event has the new date. If you have any questions, please reply to this e-mail.

Kind regards,
Ana Ruiz
Estudio Norte
""",
    ),
    ("en", "informal"): (
        "Online shop: delivery delayed, new date January 12, 2027",
        """\
Hi Laura,

I'm really sorry, but we won't be able to deliver "Online shop" on December 15, 2026, as we promised. My apologies.

I know you're counting on having it before the annual shareholders' meeting on January 20, 2027, and I understand the trouble this delay causes you. The new date still comes before it, though with less room than you expected.

We have identified the problem: the gateway requires a security certification we had not planned for. To make sure it does not happen again, we will review every external provider's requirements before committing to a date.

The new delivery date is January 12, 2027.

The delay happened because the payment gateway integration turned out to be more complex than we estimated.

Our recovery plan:
1. Complete the security certification by December 18
2. Bring a second developer onto the project from Monday
3. Run the payment tests in parallel with the remaining work

To make up for the inconvenience, we're offering you a discount of $1,200.00 on the price of this project.

The attached calendar event has the new date. Any questions? Just reply to this e-mail.

Best,
Ana Ruiz
Estudio Norte
""",
    ),
}


@pytest.mark.parametrize(("language", "register"), list(EXPECTED))
def test_delay_notice_text_is_exactly_as_written(language: str, register: str) -> None:
    message = make_delay_notice(language, register)
    subject, text = EXPECTED[(language, register)]
    assert message.subject == subject
    assert message.text == text
