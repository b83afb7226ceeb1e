"""One outbox message can be opened: what exactly went out, its HTML framed under its own policy,
its attachments listed; only for the organisation's members (M15)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from plazo.core import compose
from plazo.store.models import Message, MessageState, Project
from plazo.store.services.outbox.write import store_message
from tests.app.factories import make_org, make_project
from tests.app.web.helpers import browser_for

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\nchart"


def _sent(project: Project) -> Message:
    composed = compose.Message(
        kind="weekly_update",
        language="es",
        subject="Avance semanal <b>1</b>",
        text="Hola Javier:\nEsta semana terminamos la portada.",
        html='<p style="color:#333">Hola <script>alert(1)</script></p><img src="cid:chart.1@x">',
        headers=(
            ("From", "María <maria@ferrerweb.example>"),
            ("To", "javier@turia.example"),
            ("Reply-To", "maria@ferrerweb.example"),
            ("Subject", "Avance semanal"),
            ("Message-ID", "<m1@ferrerweb.example>"),
        ),
        recipients=("javier@turia.example",),
        attachments=(
            compose.Attachment("cronograma.png", "image/png", PNG, content_id="chart.1@x"),
            compose.Attachment("entrega.ics", "text/calendar", b"BEGIN:VCALENDAR"),
        ),
    )
    message, _ = store_message(
        composed, organisation=project.organisation, project=project, key="t:1",
        state=MessageState.QUEUED, now=timezone.now(),
    )  # fmt: skip
    return message


def test_the_outbox_links_each_message_to_what_went_out() -> None:
    org = make_org()
    message = _sent(make_project(org))
    browser = browser_for(org)[0]

    listing = browser.get("/outbox/").content.decode()
    page = browser.get(f"/outbox/{message.pk}/").content.decode()

    assert f'href="/outbox/{message.pk}/"' in listing
    assert "Avance semanal &lt;b&gt;1&lt;/b&gt;" in page
    assert "javier@turia.example" in page
    assert "maria@ferrerweb.example" in page
    assert "Hola Javier:<br>Esta semana terminamos la portada." in page
    assert "<script>alert(1)</script>" not in page  # the HTML is only in the frame
    assert f'src="/outbox/{message.pk}/body.html"' in page
    assert 'sandbox=""' in page
    assert "cronograma.png" in page
    assert "entrega.ics" in page


def test_the_page_speaks_spanish() -> None:
    org = make_org()
    message = _sent(make_project(org))
    page = browser_for(org)[0].get(f"/outbox/{message.pk}/", HTTP_ACCEPT_LANGUAGE="es")
    body = page.content.decode()
    assert "Destinatarios" in body
    assert "Adjuntos" in body


def test_the_html_version_has_its_own_strict_policy_and_its_chart_inline() -> None:
    org = make_org()
    message = _sent(make_project(org))
    response = browser_for(org)[0].get(f"/outbox/{message.pk}/body.html")
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "sandbox" in policy
    assert "script-src" not in policy
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    body = response.content.decode()
    assert 'src="data:image/png;base64,' in body
    assert "cid:" not in body


@pytest.mark.parametrize("path", ["/outbox/{}/", "/outbox/{}/body.html"])
def test_another_organisations_message_is_not_found(path: str) -> None:
    message = _sent(make_project(make_org()))
    browser = browser_for(make_org())[0]
    assert browser.get(path.format(message.pk)).status_code == 404
