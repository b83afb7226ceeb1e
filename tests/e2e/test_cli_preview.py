"""``plazo preview`` shows what a client would receive, without storing or sending anything."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.e2e.cli import run_plazo


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("preview-home")
    assert run_plazo("demo", home=path).returncode == 0
    return path


def test_weekly_update_as_text(home: Path) -> None:
    result = run_plazo("preview", "Driver app", home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Subject: Driver app")
    assert "Dear Hannah," in result.stdout


def test_delay_notice_as_eml_with_the_moved_event(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "notice.eml"
    result = run_plazo(
        "preview", "Portal del inversor", "--kind", "delay", "--format", "eml", "-o", str(out),
        home=home,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    mail = message_from_bytes(out.read_bytes(), policy=policy.default)
    assert "junta anual de accionistas" in mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    ics = next(p for p in mail.walk() if p.get_content_type() == "text/calendar")
    event = Calendar.from_ical(ics.get_payload(decode=True)).walk("VEVENT")[0]
    assert int(event["SEQUENCE"]) >= 1


def test_outbox_is_untouched_by_a_preview(home: Path) -> None:
    before = sorted((home / "outbox").iterdir())
    assert run_plazo("preview", "Tienda online", "--format", "html", home=home).returncode == 0
    assert sorted((home / "outbox").iterdir()) == before


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("Nope",), "no project 'Nope'"),
        (("Driver app", "--kind", "delay"), "no delay case"),
    ],
)
def test_what_cannot_be_previewed_is_one_sentence(
    home: Path, args: tuple[str, ...], words: str
) -> None:
    result = run_plazo("preview", *args, home=home)
    assert result.returncode == 2
    assert words in result.stderr
