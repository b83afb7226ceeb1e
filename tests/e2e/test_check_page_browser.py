"""On a fresh organisation in Spanish, in headless Chromium: check a message she wrote herself
from the header's link, see a paste over the limit refused (not cut), then create an API token
in Settings, use it against the API, and revoke it."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from plazo.cli import main
from plazo.web.forms.check import MAX_CHECK_CHARS
from tests.e2e.browser import needs_chromium, screenshot

pytestmark = [needs_chromium, pytest.mark.django_db(transaction=True)]

EMAIL = "maria@ferrerweb.example"
PASSWORD = "una-clave-larga"
MESSAGE = (
    "Hola Javier:\n\n"
    "Nos enviasteis tarde los textos, así que la tienda estará lista pronto.\n"
    "Perdona las molestias."
)


def _api_check(base: str, secret: str) -> int:
    """The status of ``POST /api/check`` with the token."""
    request = urllib.request.Request(
        f"{base}/api/check",
        data=json.dumps({"text": "Sorry for the delay.", "lang": "en"}).encode(),
        headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_check_a_message_and_manage_api_tokens_in_spanish(
    browser: Any, live_server: Any, tmp_path: Path
) -> None:
    secret_file = tmp_path / "password.txt"
    secret_file.write_text(PASSWORD + "\n", encoding="utf-8")
    argv = ["init", "--organisation", "María Ferrer Web", "--email", EMAIL, "--language", "es"]
    assert main([*argv, "--password-file", str(secret_file), "--name", "María Ferrer"]) == 0
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="es-ES")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/")
    page.fill("#id_username", EMAIL)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit].primary")

    # 1. From the header, check a message she wrote (Chromium sends its line breaks as CRLF).
    page.click("header nav a:has-text('Revisar un mensaje')")
    page.wait_for_selector("h1:has-text('Revisar un mensaje')")
    page.fill("#id_text", MESSAGE)
    page.click("button:has-text('Revisar el mensaje')")
    page.wait_for_selector("#result")
    summary = page.inner_text("[data-testid=check-summary]")
    assert summary == "Revisado como español. Puntuación: 0 de 100. El mensaje no pasa la revisión."
    apology = page.inner_text("tr[data-element=apology]")
    assert "encontrado" in apology
    assert "Perdona las molestias." in apology
    assert "detectado" in page.inner_text("tr[data-warning=blames_client]")
    marked = page.locator("[data-testid=marked-message] mark.el.apology")
    assert marked.inner_text() == "Perdona las molestias."
    assert page.input_value("#id_text") == MESSAGE  # kept, to correct and check again
    screenshot(page, "check-message.png")

    # 2. A paste over the limit is refused with a sentence, not cut short by the browser.
    page.fill("#id_text", "Perdona el retraso. " * (MAX_CHECK_CHARS // 20 + 1))
    page.click("button:has-text('Revisar el mensaje')")
    page.wait_for_selector(".field-error")
    assert "El mensaje es demasiado largo para revisarlo" in page.inner_text(".field-error")
    assert page.locator("#result").count() == 0

    # 3. Settings › API tokens: create one, use it, revoke it.
    page.click("header nav a:has-text('Ajustes')")
    page.click("a:has-text('Tokens de la API')")
    page.fill("#id_name", "Zapier")
    page.click("button:has-text('Crear el token')")
    secret = page.input_value("#new-token-secret")
    assert secret.startswith("plz_")
    assert _api_check(live_server.url, secret) == 200
    screenshot(page, "api-tokens.png")
    page.reload()  # the creation answered with a redirect: reloading re-posts nothing
    assert page.locator("#new-token-secret").count() == 0  # shown once, never again
    assert page.locator("tr[data-token]").count() == 1
    page.click("tr[data-token] button:has-text('Revocar')")
    page.wait_for_selector("text=está revocado: ya no funciona")
    assert _api_check(live_server.url, secret) == 401
    assert errors == []
