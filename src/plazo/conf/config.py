"""Read plazo's settings from an environment mapping, once, with one clear error per mistake.

The environment is an argument (as in starlette's ``Config``), so tests pass a plain dict.
"""

from __future__ import annotations

import os
import secrets
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from plazo.conf.cache import cache_settings
from plazo.conf.email import email_settings
from plazo.conf.errors import ConfigError

__all__ = ["Config", "ConfigError", "load_config"]

SECRET_KEY_FILE = "secret_key"
PLACEHOLDER_KEYS = frozenset(
    {"", "changeme", "change-me", "secret", "secret_key", "your-secret-key", "placeholder", "xxx"}
)
MIN_SECRET_KEY_LENGTH = 32
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"", "0", "false", "no", "off"})


@dataclass(frozen=True)
class Config:
    """Everything plazo reads from the environment."""

    home: Path
    debug: bool
    secret_key: str
    database: dict[str, Any]
    database_url: str
    email: dict[str, Any]
    base_url: str
    time_zone: str
    allowed_hosts: list[str] = field(default_factory=list)
    webhook_allow_private: bool = False
    cache: dict[str, Any] = field(default_factory=dict)
    login_failure_limit: int = 10
    login_lock_minutes: int = 15
    behind_proxy: bool = False
    hsts_seconds: int = 0
    hsts_subdomains: bool = True
    hsts_preload: bool = True
    session_days: int = 30


def load_config(environ: Mapping[str, str]) -> Config:
    """Build the :class:`Config` from ``environ``, creating ``PLAZO_HOME`` when needed."""
    debug = _flag(environ, "PLAZO_DEBUG")
    home = _home(environ.get("PLAZO_HOME", "./.plazo"))
    database_url = environ.get("DATABASE_URL") or f"sqlite:///{home / 'plazo.sqlite3'}"
    base_url = environ.get("PLAZO_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    base = urlsplit(base_url)
    if base.scheme not in ("http", "https") or not base.hostname:
        raise ConfigError(
            f"PLAZO_BASE_URL {base_url!r} is not an http(s) address; "
            "set it to where clients reach plazo, e.g. https://plazo.example.com."
        )
    hosts = [h.strip() for h in environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    return Config(
        home=home,
        debug=debug,
        secret_key=_secret_key(environ.get("SECRET_KEY"), home, debug),
        database=_database(database_url),
        database_url=database_url,
        email=email_settings(environ, home),
        base_url=base_url,
        time_zone=_time_zone(environ.get("TIME_ZONE", "UTC")),
        allowed_hosts=sorted({"127.0.0.1", "localhost", "[::1]", base.hostname, *hosts}),
        webhook_allow_private=_flag(environ, "PLAZO_WEBHOOK_ALLOW_PRIVATE"),
        cache=cache_settings(environ),
        login_failure_limit=_count(environ, "PLAZO_LOGIN_FAILURE_LIMIT", 10, minimum=1),
        login_lock_minutes=_count(environ, "PLAZO_LOGIN_LOCK_MINUTES", 15, minimum=1),
        behind_proxy=_flag(environ, "PLAZO_BEHIND_PROXY"),
        # HSTS only makes sense (and is only sent) over https; over http it would lock people out.
        hsts_seconds=_count(environ, "PLAZO_HSTS_SECONDS", 31_536_000, minimum=0)
        if base.scheme == "https"
        else 0,
        hsts_subdomains=_flag(environ, "PLAZO_HSTS_SUBDOMAINS", default=True),
        hsts_preload=_flag(environ, "PLAZO_HSTS_PRELOAD", default=True),
        session_days=_count(environ, "PLAZO_SESSION_DAYS", 30, minimum=1),
    )


def _flag(environ: Mapping[str, str], name: str, *, default: bool = False) -> bool:
    if name not in environ:
        return default
    value = environ[name].strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ConfigError(f"{name}={value!r} is not a yes/no value; use 1 or 0.")


def _count(environ: Mapping[str, str], name: str, default: int, *, minimum: int) -> int:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < minimum:
        raise ConfigError(f"{name}={raw!r} is not a whole number of at least {minimum}.")
    return int(raw)


def _home(raw: str) -> Path:
    home = Path(raw).expanduser().resolve()
    try:
        home.mkdir(parents=True, exist_ok=True)
        # A uniquely named probe: workers starting together must not delete each other's.
        with tempfile.TemporaryFile(dir=home):
            pass
    except OSError as error:
        reason = error.strerror or str(error)
        raise ConfigError(
            f"PLAZO_HOME {str(home)!r} is not a writable directory ({reason}); "
            "point PLAZO_HOME at a folder you can write to."
        ) from None
    return home


def _secret_key(raw: str | None, home: Path, debug: bool) -> str:
    """Use ``SECRET_KEY`` when given; otherwise the key stored (0600) in ``PLAZO_HOME``."""
    if raw is not None:
        if not debug and (
            raw.strip().lower() in PLACEHOLDER_KEYS or len(raw) < MIN_SECRET_KEY_LENGTH
        ):
            raise ConfigError(
                "SECRET_KEY is empty, a placeholder or shorter than "
                f"{MIN_SECRET_KEY_LENGTH} characters; unset it to use the key plazo generates "
                "in PLAZO_HOME, or set a long random value."
            )
        return raw
    path = home / SECRET_KEY_FILE
    if not path.exists():
        # O_EXCL: two processes starting at once cannot both write a key.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_urlsafe(50))
    key = path.read_text().strip()
    if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        path.chmod(0o600)
    if not debug and (key.lower() in PLACEHOLDER_KEYS or len(key) < MIN_SECRET_KEY_LENGTH):
        raise ConfigError(
            f"the secret key in {str(path)!r} is empty or too short; delete the file to let "
            "plazo generate a new one, or set SECRET_KEY."
        )
    return key


def _database(url: str) -> dict[str, Any]:
    import dj_database_url

    scheme = urlsplit(url).scheme
    if scheme not in ("sqlite", "postgres", "postgresql", "pgsql"):
        raise ConfigError(
            f"DATABASE_URL {_redact(url)!r} is not understood; use sqlite:///PATH or "
            "postgres://USER:PASSWORD@HOST:PORT/NAME."
        )
    try:
        database: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    except (ValueError, KeyError) as error:
        raise ConfigError(f"DATABASE_URL {_redact(url)!r} is malformed ({error}).") from None
    if not database.get("NAME"):
        raise ConfigError(f"DATABASE_URL {_redact(url)!r} names no database.")
    if database["ENGINE"].endswith("sqlite3"):
        database["CONN_MAX_AGE"] = 0
        database["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    else:
        database.setdefault("OPTIONS", {})["connect_timeout"] = 5
    return database


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url


def _time_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"TIME_ZONE {name!r} is not a known time zone; use an IANA name like Europe/Madrid."
        ) from None
    return name
