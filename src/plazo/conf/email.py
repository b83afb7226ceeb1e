"""E-mail settings from ``EMAIL_URL`` or ``SMTP_*``; by default ``.eml`` files in the outbox."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from plazo.conf.errors import ConfigError

__all__ = ["email_settings"]

FILE_BACKEND = "plazo.mail.backends.EmlFileBackend"
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"
MEMORY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def email_settings(environ: Mapping[str, str], home: Path) -> dict[str, Any]:
    """Return Django ``EMAIL_*`` settings (without the prefix) chosen by the environment."""
    default_from = environ.get("DEFAULT_FROM_EMAIL", "plazo <plazo@localhost.localdomain>")
    url = environ.get("EMAIL_URL", "").strip()
    if url:
        settings = _from_url(url, home)
    elif environ.get("SMTP_HOST"):
        settings = _from_smtp_vars(environ)
    else:
        settings = {"BACKEND": FILE_BACKEND, "FILE_PATH": str(home / "outbox")}
    if settings.get("USE_TLS") and settings.get("USE_SSL"):
        raise ConfigError("e-mail settings ask for both STARTTLS and TLS; choose one.")
    settings["DEFAULT_FROM_EMAIL"] = default_from
    return settings


def _from_url(url: str, home: Path) -> dict[str, Any]:
    parts = urlsplit(url)
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    if parts.scheme in ("smtp", "smtps", "submission"):
        if not parts.hostname:
            raise ConfigError(f"EMAIL_URL {url.split('@')[-1]!r} names no host.")
        try:
            port = parts.port
        except ValueError:
            raise ConfigError("EMAIL_URL has a port that is not a number.") from None
        implicit_tls = parts.scheme == "smtps" or query.get("ssl") in ("1", "true")
        return {
            "BACKEND": SMTP_BACKEND,
            "HOST": parts.hostname,
            "PORT": port or (465 if implicit_tls else 587 if parts.scheme == "submission" else 25),
            "HOST_USER": unquote(parts.username or ""),
            "HOST_PASSWORD": unquote(parts.password or ""),
            "USE_SSL": implicit_tls,
            "USE_TLS": not implicit_tls
            and (parts.scheme == "submission" or query.get("tls") in ("1", "true")),
            "TIMEOUT": int(query.get("timeout", "30")),
        }
    if parts.scheme == "file":
        return {"BACKEND": FILE_BACKEND, "FILE_PATH": unquote(parts.path) or str(home / "outbox")}
    if parts.scheme == "console":
        return {"BACKEND": CONSOLE_BACKEND}
    if parts.scheme == "memory":
        return {"BACKEND": MEMORY_BACKEND}
    raise ConfigError(
        f"EMAIL_URL scheme {parts.scheme!r} is not supported; use smtp://, smtps://, "
        "submission://, file://, console: or memory:."
    )


def _from_smtp_vars(environ: Mapping[str, str]) -> dict[str, Any]:
    raw_port = environ.get("SMTP_PORT", "587")
    if not raw_port.isdigit():
        raise ConfigError(f"SMTP_PORT={raw_port!r} is not a port number.")
    security = environ.get("SMTP_SECURITY", "starttls").lower()
    if security not in ("starttls", "tls", "none"):
        raise ConfigError(f"SMTP_SECURITY={security!r} must be starttls, tls or none.")
    return {
        "BACKEND": SMTP_BACKEND,
        "HOST": environ["SMTP_HOST"],
        "PORT": int(raw_port),
        "HOST_USER": environ.get("SMTP_USER", ""),
        "HOST_PASSWORD": environ.get("SMTP_PASSWORD", ""),
        "USE_TLS": security == "starttls",
        "USE_SSL": security == "tls",
        "TIMEOUT": 30,
    }
