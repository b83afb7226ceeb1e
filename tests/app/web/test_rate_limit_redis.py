"""With CACHE_URL on a Redis server, web processes share one rate-limit counter.

Runs against the Redis server on 127.0.0.1:6379 (CI starts it); skipped where none is running.
The clock is the test's: every request reads the same instant, so the window cannot turn over
between two requests however slowly the machine runs, and the test moves the clock on itself
to see a new window start. Several test runs may share the server at once (parallel jobs,
worktrees): each counts under a key prefix of its own and removes only its own keys.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import RequestFactory, override_settings

from plazo.web.ratelimit import allow

REDIS_URL = "redis://127.0.0.1:6379/3"


def _redis_is_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(not _redis_is_up(), reason="no Redis on 127.0.0.1:6379")

# An hour's window read at a fixed instant: the counter's key lives in Redis for the window (in
# the server's own time), far longer than the test takes on the slowest machine.
WINDOW = 3600
NOW = 1_800_000_000.0 - 1_800_000_000 % WINDOW + 10  # ten seconds into a window
# Another web process: the same settings, its own interpreter, one request counted at NOW.
OTHER_PROCESS = f"""
import django
django.setup()
from django.test import RequestFactory
from plazo.web.ratelimit import allow
request = RequestFactory().get("/s/x/", REMOTE_ADDR="198.51.100.7")
print(allow(request, scope="test", limit=3, window_seconds={WINDOW}, now={NOW!r}))
"""


@pytest.fixture
def prefix() -> Iterator[str]:
    """A key prefix of this run's own, so runs and parallel jobs never share counters."""
    import redis

    key_prefix = f"plazo-test-{uuid.uuid4().hex}"
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": key_prefix,
        }
    }
    with override_settings(CACHES=caches):
        yield key_prefix
    server = redis.Redis.from_url(REDIS_URL)
    try:
        # Only this run's keys: another run's counters in the same database stay as they are.
        for key in server.scan_iter(match=f"{key_prefix}:*"):
            server.delete(key)
    finally:
        server.close()


def _other_process_allows(key_prefix: str, home: Path) -> bool:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "plazo.conf.settings",
        "PLAZO_HOME": str(home),
        "CACHE_URL": REDIS_URL,
    }
    env.pop("DATABASE_URL", None)
    # The prefix is this test's; the settings module reads everything else from the environment.
    script = OTHER_PROCESS.replace(
        "django.setup()",
        "from django.conf import settings\n"
        f"settings.CACHES['default']['KEY_PREFIX'] = {key_prefix!r}\n"
        "django.setup()",
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip() == "True"


def test_two_processes_count_against_one_limit(prefix: str, tmp_path: Path) -> None:
    request = RequestFactory().get("/s/x/", REMOTE_ADDR="198.51.100.7")

    def here(now: float = NOW) -> bool:
        return allow(request, scope="test", limit=3, window_seconds=WINDOW, now=now)

    assert here()
    assert here()
    assert _other_process_allows(prefix, tmp_path)  # the third request, in another process
    assert not here()  # the fourth: refused here
    assert not here(NOW + WINDOW - 11)  # the window's last second: still refused
    assert here(NOW + WINDOW - 10)  # the next window starts counting again
