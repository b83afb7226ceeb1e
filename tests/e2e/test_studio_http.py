"""The scripted check of issue 15 with a plain HTTP client against a live ``plazo serve``:
``plazo init``, log in by e-mail, the new-client and new-project forms answer 200, and
posting them creates the records."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest

from tests.e2e.cli import run_plazo

PASSWORD = "una-clave-larga"
EMAIL = "ana@example.com"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(home: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLAZO_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env["PLAZO_HOME"] = str(home)
    server = subprocess.Popen(
        [sys.executable, "-m", "plazo", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(base + "/login/", timeout=2)
            return server, base
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    raise AssertionError("plazo serve did not answer")


@pytest.fixture
def fresh_home(tmp_path: Path) -> Path:
    return tmp_path


@pytest.fixture
def studio(tmp_path: Path) -> Iterator[str]:
    secret = tmp_path / "password.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    init = run_plazo(
        "init", "--organisation", "Estudio Norte", "--email", EMAIL,
        "--password-file", str(secret), home=tmp_path,
    )  # fmt: skip
    assert init.returncode == 0, init.stderr
    server, base = _serve(tmp_path)
    try:
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def _token(page: httpx.Response) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert found, page.text[:500]
    return found.group(1)


def _post(http: httpx.Client, path: str, data: dict[str, str]) -> httpx.Response:
    page = http.get(path)
    assert page.status_code == 200, (path, page.status_code)
    return http.post(
        path, data={"csrfmiddlewaretoken": _token(page), **data}, headers={"Referer": str(page.url)}
    )


def test_init_then_log_in_and_create_a_client_and_a_project(studio: str) -> None:
    with httpx.Client(base_url=studio, timeout=30) as http:
        logged_in = _post(http, "/login/", {"username": EMAIL, "password": PASSWORD})
        assert logged_in.status_code == 302
        assert logged_in.headers["location"] == "/"

        new_client = http.get("/clients/new/")
        assert new_client.status_code == 200
        assert 'name="contact_email"' in new_client.text
        created = _post(
            http,
            "/clients/new/",
            {"name": "Librería Sol", "contact_email": "eva@sol.es", "register": "informal"},
        )
        assert created.status_code == 302
        assert created.headers["location"].startswith("/clients/")
        clients = http.get("/clients/")
        assert "Librería Sol" in clients.text
        assert "eva@sol.es" in clients.text

        form = http.get("/projects/new/")
        assert form.status_code == 200
        assert 'name="stake"' in form.text
        client_id = re.search(r'<option value="(\d+)"[^>]*>Librería Sol</option>', form.text)
        owner_id = re.search(r'name="owner"[^>]*>\s*<option value="(\d+)"', form.text)
        assert client_id
        assert owner_id
        today = date.today()
        made = _post(
            http,
            "/projects/new/",
            {
                "client": client_id.group(1),
                "name": "Tienda online",
                "start_on": today.isoformat(),
                "promised_on": (today + timedelta(days=30)).isoformat(),
                "stake": "la campaña de Reyes",
                "stake_on": (today + timedelta(days=40)).isoformat(),
                "capacity_hours_per_week": "20",
                "value": "9000",
                "currency": "EUR",
                "checkin_weekday": "0",
                "checkin_hour": "9",
                "confidence_percent": "85",
                "owner": owner_id.group(1),
                "country": "ES",
                "subdivision": "",
            },
        )
        assert made.status_code == 302, made.text[:2000]
        items_url = made.headers["location"]
        assert re.fullmatch(r"/projects/\d+/items/", items_url)
        portfolio = http.get("/")
        assert "Tienda online" in portfolio.text


def test_serve_on_a_fresh_home_migrates_and_offers_the_first_run_form(fresh_home: Path) -> None:
    server, base = _serve(fresh_home)
    try:
        login = httpx.get(base + "/login/")
        assert login.status_code == 302
        assert login.headers["location"] == "/setup/"
        assert 'name="organisation"' in httpx.get(base + "/setup/").text
    finally:
        server.terminate()
        server.wait(timeout=10)
