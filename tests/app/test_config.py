"""Settings come from the environment, once, and a wrong one is one clear sentence."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from plazo.conf import ConfigError, load_config


def test_the_embedded_default_is_sqlite_in_plazo_home(tmp_path: Path) -> None:
    config = load_config({"PLAZO_HOME": str(tmp_path)})
    assert config.database["ENGINE"] == "django.db.backends.sqlite3"
    assert config.database["NAME"] == str(tmp_path / "plazo.sqlite3")
    assert config.email["BACKEND"] == "plazo.mail.backends.EmlFileBackend"
    assert config.email["FILE_PATH"] == str(tmp_path / "outbox")


def test_a_secret_key_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    first = load_config({"PLAZO_HOME": str(tmp_path)}).secret_key
    second = load_config({"PLAZO_HOME": str(tmp_path)}).secret_key
    assert first == second
    assert len(first) >= 50
    mode = (tmp_path / "secret_key").stat().st_mode
    assert stat.S_IMODE(mode) == 0o600


@pytest.mark.parametrize("key", ["", "changeme", "short-key"])
def test_a_placeholder_secret_key_is_refused_without_debug(tmp_path: Path, key: str) -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load_config({"PLAZO_HOME": str(tmp_path), "SECRET_KEY": key})
    assert load_config({"PLAZO_HOME": str(tmp_path), "SECRET_KEY": key, "PLAZO_DEBUG": "1"})


def test_postgres_urls_are_understood(tmp_path: Path) -> None:
    config = load_config(
        {"PLAZO_HOME": str(tmp_path), "DATABASE_URL": "postgres://u:p%40ss@db.example:6543/plazo"}
    )
    assert config.database["ENGINE"] == "django.db.backends.postgresql"
    assert (config.database["HOST"], config.database["PORT"]) == ("db.example", 6543)
    assert config.database["PASSWORD"] == "p@ss"


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("mysql://x/y", "not understood"),
        ("postgres://u@h:notaport/db", "malformed"),
        ("postgres://u@h:5432/", "names no database"),
    ],
)
def test_a_bad_database_url_is_named_without_its_password(
    tmp_path: Path, url: str, words: str
) -> None:
    with pytest.raises(ConfigError, match=words) as caught:
        load_config({"PLAZO_HOME": str(tmp_path), "DATABASE_URL": url})
    assert "DATABASE_URL" in str(caught.value)


def test_an_unwritable_home_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ConfigError, match=r"PLAZO_HOME .* not a writable directory"):
        load_config({"PLAZO_HOME": str(blocker / "home")})


def test_smtp_settings_from_an_email_url(tmp_path: Path) -> None:
    email = load_config(
        {"PLAZO_HOME": str(tmp_path), "EMAIL_URL": "submission://me%40x.es:secret@smtp.x.es"}
    ).email
    assert email["HOST"] == "smtp.x.es"
    assert (email["PORT"], email["USE_TLS"], email["USE_SSL"]) == (587, True, False)
    assert (email["HOST_USER"], email["HOST_PASSWORD"]) == ("me@x.es", "secret")
    tls = load_config({"PLAZO_HOME": str(tmp_path), "EMAIL_URL": "smtps://smtp.x.es"}).email
    assert (tls["PORT"], tls["USE_SSL"], tls["USE_TLS"]) == (465, True, False)


def test_smtp_settings_from_smtp_variables(tmp_path: Path) -> None:
    email = load_config(
        {"PLAZO_HOME": str(tmp_path), "SMTP_HOST": "mail.x.es", "SMTP_PORT": "2525",
         "SMTP_USER": "u", "SMTP_PASSWORD": "p", "SMTP_SECURITY": "tls"}
    ).email  # fmt: skip
    assert (email["HOST"], email["PORT"], email["USE_SSL"]) == ("mail.x.es", 2525, True)
    with pytest.raises(ConfigError, match="SMTP_PORT"):
        load_config({"PLAZO_HOME": str(tmp_path), "SMTP_HOST": "h", "SMTP_PORT": "x"})


def test_an_unknown_time_zone_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="TIME_ZONE"):
        load_config({"PLAZO_HOME": str(tmp_path), "TIME_ZONE": "Mars/Olympus"})


def test_the_base_url_is_an_allowed_host(tmp_path: Path) -> None:
    config = load_config(
        {"PLAZO_HOME": str(tmp_path), "PLAZO_BASE_URL": "https://plazo.example.com/"}
    )
    assert config.base_url == "https://plazo.example.com"
    assert "plazo.example.com" in config.allowed_hosts


def test_the_cache_is_in_memory_by_default_and_redis_from_a_cache_url(tmp_path: Path) -> None:
    home = {"PLAZO_HOME": str(tmp_path)}
    assert load_config(home).cache["BACKEND"].endswith("LocMemCache")
    shared = load_config({**home, "CACHE_URL": "redis://127.0.0.1:6379/2"}).cache
    assert shared["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert shared["LOCATION"] == "redis://127.0.0.1:6379/2"
    with pytest.raises(ConfigError, match="not a redis:// or rediss:// address") as refused:
        load_config({**home, "CACHE_URL": "memcached://secret@127.0.0.1:11211"})
    assert "secret" not in str(refused.value)  # a password in the URL is never repeated
