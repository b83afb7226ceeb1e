"""A studio backed up while a worker delivers comes back elsewhere with every promise, message
and ledger figure as the snapshot held them; a home with data is never overwritten."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.e2e.cli import run_plazo
from tests.e2e.test_worker_crash import QUEUE

COUNT = 1500

DUMP = """
import json
from plazo.store.models import Commitment, Message
promises = [
    [c.project.name, str(c.promised_on), c.made_at.isoformat(), str(c.outcome), c.superseded_by_id]
    for c in Commitment.objects.select_related("project").order_by("pk")
]
messages = {
    m.idempotency_key: [m.kind, m.subject, bytes(m.mime).hex(), m.state]
    for m in Message.objects.order_by("pk")
}
print(json.dumps({"promises": promises, "messages": messages}))
"""


def _dump(home: Path, env: dict[str, str] | None = None) -> dict[str, object]:
    result = run_plazo("manage", "shell", "-c", DUMP, home=home, env=env)
    assert result.returncode == 0, result.stderr
    loaded: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return loaded


def _ledger(home: Path, env: dict[str, str] | None = None) -> object:
    result = run_plazo("ledger", "--json", home=home, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _outbox(home: Path) -> int:
    return len(list((home / "outbox").glob("*.eml")))


def _env(home: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLAZO_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    return {**env, "PLAZO_HOME": str(home), **(extra or {})}


def _back_up_while_a_worker_delivers(
    studio: Path, backup: Path, env: dict[str, str] | None = None
) -> None:
    assert run_plazo("demo", home=studio, env=env).returncode == 0
    queued = run_plazo("manage", "shell", "-c", QUEUE.format(count=COUNT), home=studio, env=env)
    assert queued.returncode == 0, queued.stderr
    before = _outbox(studio)
    worker = subprocess.Popen(
        [sys.executable, "-m", "plazo", "worker", "--once"],
        env=_env(studio, env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while _outbox(studio) < before + 50 and time.monotonic() < deadline:
            time.sleep(0.05)
        made = run_plazo("backup", str(backup), home=studio, env=env)
        assert made.returncode == 0, made.stderr
        assert worker.poll() is None, "the worker must still be writing when the backup ends"
    finally:
        assert worker.wait(timeout=240) == 0


def _assert_restored_as_snapshot(
    studio: Path, restored: Path, env: dict[str, str] | None, restored_env: dict[str, str] | None
) -> None:
    after, back = _dump(studio, env), _dump(restored, restored_env)
    assert back["promises"] == after["promises"]  # promises do not change while mail goes out
    assert _ledger(restored, restored_env) == _ledger(studio, env)
    messages_after = after["messages"]
    messages_back = back["messages"]
    assert isinstance(messages_after, dict)
    assert isinstance(messages_back, dict)
    assert messages_back.keys() == messages_after.keys()
    states = {"same": 0, "sent later": 0}
    for key, (kind, subject, mime, state) in messages_back.items():
        assert [kind, subject, mime] == messages_after[key][:3], key
        if state == messages_after[key][3]:
            states["same"] += 1
        else:  # the snapshot is older than the end of the delivery, never newer
            assert (state, messages_after[key][3]) in {("queued", "sent"), ("sending", "sent")}
            states["sent later"] += 1
    assert states["sent later"] > 0, "the snapshot must have been taken mid-delivery"
    sent_in_snapshot = sum(1 for *_, state in messages_back.values() if state == "sent")
    assert _outbox(restored) >= sent_in_snapshot


def test_a_backup_taken_while_a_worker_delivers_restores_elsewhere_equal(tmp_path: Path) -> None:
    studio, backup, restored = tmp_path / "studio", tmp_path / "backup", tmp_path / "restored"
    _back_up_while_a_worker_delivers(studio, backup)
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == "sqlite"
    assert manifest["database"]["tables"]["plazo_message"]["rows"] >= COUNT
    assert not (backup / "secret_key").exists()

    result = run_plazo("restore", str(backup), home=restored)
    assert result.returncode == 0, result.stderr
    assert "each checked against the manifest" in result.stderr
    _assert_restored_as_snapshot(studio, restored, None, None)

    again = run_plazo("restore", str(backup), home=restored)
    assert again.returncode == 2
    assert "restore only into an empty home" in again.stderr


def test_the_secret_key_travels_only_when_asked(tmp_path: Path) -> None:
    studio = tmp_path / "studio"
    assert run_plazo("demo", home=studio).returncode == 0
    assert run_plazo("backup", str(tmp_path / "b"), "--with-secret", home=studio).returncode == 0
    key = tmp_path / "b" / "secret_key"
    assert key.read_text() == (studio / "secret_key").read_text().strip() + "\n"
    assert key.stat().st_mode & 0o077 == 0
    assert run_plazo("restore", str(tmp_path / "b"), home=tmp_path / "r").returncode == 0
    assert (tmp_path / "r" / "secret_key").read_text() == key.read_text()


def test_a_damaged_backup_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    studio = tmp_path / "studio"
    assert run_plazo("demo", home=studio).returncode == 0
    assert run_plazo("backup", str(tmp_path / "b"), home=studio).returncode == 0
    with (tmp_path / "b" / "database.sqlite3").open("r+b") as database:
        database.seek(200)
        database.write(b"\x00\x01")
    result = run_plazo("restore", str(tmp_path / "b"), home=tmp_path / "r")
    assert result.returncode == 2
    assert "does not match its checksum" in result.stderr
    assert not (tmp_path / "r" / "plazo.sqlite3").exists() or _tables(tmp_path / "r") == 0


def _tables(home: Path) -> int:
    import sqlite3

    with sqlite3.connect(home / "plazo.sqlite3") as database:
        return int(database.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])


def _postgres_ready() -> bool:
    return bool(shutil.which("pg_dump")) and (
        subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0
    )


@pytest.mark.skipif(not _postgres_ready(), reason="no PostgreSQL server on 127.0.0.1")
def test_a_postgresql_studio_backs_up_with_pg_dump_and_restores_equal(tmp_path: Path) -> None:
    names = [f"plazo_backup_{uuid.uuid4().hex[:8]}_{side}" for side in ("a", "b")]
    pg = ["-h", "127.0.0.1", "-U", "postgres"]
    for name in names:
        subprocess.run(["createdb", *pg, name], check=True)
    try:
        source, target = (
            {"DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{n}"} for n in names
        )
        studio, backup, restored = tmp_path / "studio", tmp_path / "backup", tmp_path / "restored"
        _back_up_while_a_worker_delivers(studio, backup, source)
        assert json.loads((backup / "manifest.json").read_text())["database"]["vendor"] == (
            "postgresql"
        )
        result = run_plazo("restore", str(backup), home=restored, env=target)
        assert result.returncode == 0, result.stderr
        _assert_restored_as_snapshot(studio, restored, source, target)
    finally:
        for name in names:
            subprocess.run(["dropdb", *pg, "--if-exists", "--force", name], check=False)
