"""The lists a reader of the docs relies on are complete: every dashboard URL and every
migration in docs/architecture.md, every ``PLAZO_*`` setting in the README's table."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import URLPattern, URLResolver

import plazo
from plazo.web import dashboard_urls

ROOT = Path(__file__).resolve().parents[2]
SOURCE = Path(plazo.__file__).parent
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text("utf-8")
README = (ROOT / "README.md").read_text("utf-8")


def _documented(pattern: str) -> str:
    """A URL pattern as the docs write it: ``<int:project_id>`` is ``<project_id>``."""
    return "/" + re.sub(r"<\w+:(\w+)>", r"<\1>", pattern)


def test_every_dashboard_url_is_listed() -> None:
    patterns = [p for p in dashboard_urls.urlpatterns if isinstance(p, URLPattern | URLResolver)]
    urls = [_documented(str(p.pattern)) for p in patterns]
    assert "/projects/regions/" in urls
    missing = [url for url in urls if f"`{url}`" not in ARCHITECTURE]
    assert missing == []


def test_every_migration_is_listed() -> None:
    names = sorted(p.stem for p in (SOURCE / "store" / "migrations").glob("0*.py"))
    assert names[-1] >= "0018"
    missing = [name for name in names if f"`{name}`" not in ARCHITECTURE]
    assert missing == []


def test_every_setting_is_in_the_readme() -> None:
    read = set()
    for path in SOURCE.rglob("*.py"):
        read |= set(re.findall(r"[\"'](PLAZO_[A-Z_]+)[\"']", path.read_text("utf-8")))
    assert "PLAZO_SESSION_DAYS" in read
    missing = sorted(name for name in read if f"`{name}`" not in README)
    assert missing == []
