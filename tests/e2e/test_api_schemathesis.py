"""Property-based run of the OpenAPI schema against a live ``plazo serve``: never a 5xx.

The server runs in a subprocess on a free loopback port over the demo portfolio (so ids exist and
generated requests reach deep into the endpoints), with a token from ``plazo token create``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.e2e.cli import run_plazo

MAX_EXAMPLES = 25  # per operation: about 30 s over every operation of the API


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    home = tmp_path_factory.mktemp("api-home")
    assert run_plazo("demo", home=home).returncode == 0
    token = run_plazo("token", "create", "--name", "schemathesis", home=home).stdout.strip()
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLAZO_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env["PLAZO_HOME"] = str(home)
    server = subprocess.Popen(
        [sys.executable, "-m", "plazo", "serve", "--port", str(port), "--threads", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/api/openapi.json", timeout=5).close()
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        yield base, token
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=10)
        # A 500 is answered in the error shape; the traceback in the log says where it came from.
        assert "Traceback" not in errors, errors


def test_no_request_makes_the_server_fail(served: tuple[str, str]) -> None:
    base, token = served
    schema = schemathesis.openapi.from_url(f"{base}/api/openapi.json")
    headers = {"Authorization": f"Bearer {token}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    statuses: Counter[int] = Counter()

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def no_server_error(case: Any) -> None:
            response = case.call(base_url=base, headers=headers)
            statuses[response.status_code] += 1
            case.validate_response(response, checks=[not_a_server_error])

        no_server_error()

    assert statuses[200] + statuses[201] + statuses[204] > 0, statuses  # requests got through
