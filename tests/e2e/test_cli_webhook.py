"""``plazo webhook``: add prints the secret once, test posts a ping the receiver can verify."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.app.webhook_receiver import WebhookReceiver, webhook_receiver
from tests.e2e.cli import run_plazo as run_plain

# The test receivers listen on loopback, which plazo refuses unless told otherwise.
LOOPBACK_ALLOWED = {"PLAZO_WEBHOOK_ALLOW_PRIVATE": "1"}


def run_plazo(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return run_plain(*args, home=home, env=LOOPBACK_ALLOWED)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plazo")
    assert run_plazo("demo", home=path).returncode == 0
    return path


def _add(home: Path, url: str, *options: str) -> tuple[int, str]:
    added = run_plazo("webhook", "add", url, *options, home=home)
    assert added.returncode == 0, added.stderr
    endpoint_id = int(added.stderr.split("webhook ")[1].split(" ")[0])
    return endpoint_id, added.stdout.strip()


def test_add_list_ping_and_remove_an_endpoint(home: Path) -> None:
    receiver = WebhookReceiver()
    with webhook_receiver(receiver) as url:
        endpoint_id, secret = _add(home, url, "--events", "notice.sent,update.sent")
        assert secret.startswith("whsec_")
        assert len(secret) == len("whsec_") + 64  # 256 bits, hex
        assert "shown only now" in run_plazo("webhook", "add", url, home=home).stderr

        listed = run_plazo("webhook", "list", home=home).stdout
        assert f"{endpoint_id}\t" in listed
        assert "notice.sent,update.sent\tactive" in listed
        assert secret not in listed

        receiver.secret = secret
        pinged = run_plazo("webhook", "test", str(endpoint_id), home=home)
        assert pinged.returncode == 0, pinged.stderr
        assert "delivered: HTTP 200" in pinged.stdout

    (request,) = receiver.received
    assert request.signature_valid
    assert json.loads(request.body)["type"] == "ping"

    removed = run_plazo("webhook", "remove", str(endpoint_id), home=home)
    assert removed.returncode == 0, removed.stderr
    assert f"{endpoint_id}\t" not in run_plazo("webhook", "list", home=home).stdout


def test_a_ping_the_receiver_refuses_exits_1_with_the_answer(home: Path) -> None:
    receiver = WebhookReceiver(replies=[410])
    with webhook_receiver(receiver) as url:
        endpoint_id, _ = _add(home, url)
        pinged = run_plazo("webhook", "test", str(endpoint_id), home=home)
    assert pinged.returncode == 1
    assert "failed: HTTP 410 Gone" in pinged.stderr


def test_a_loopback_endpoint_is_refused_by_default(home: Path) -> None:
    refused = run_plain("webhook", "add", "http://127.0.0.1:9/hook", home=home)
    assert refused.returncode == 2
    assert "not a public address" in refused.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "ftp://files.example/hook"], "is not an http:// or https:// URL"),
        (["add", "https://hooks.example/x", "--events", "notice.snet"], "unknown events"),
        (["remove", "999999"], "no webhook 999999"),
        (["test", "999999"], "no webhook 999999"),
    ],
)
def test_bad_input_is_refused_with_a_clear_error(home: Path, args: list[str], message: str) -> None:
    result = run_plazo("webhook", *args, home=home)
    assert result.returncode == 2
    assert message in result.stderr
