"""``plazo check`` end to end: exit codes, JSON shape, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = (
    "Hola Marta, lo siento mucho: la web no estará lista el 15 de marzo. Sé que contabas con "
    "ella para la feria. El problema fue un fallo del proveedor de hosting; ya lo hemos resuelto "
    "y no volverá a pasar. Vamos a reforzar el equipo con otra desarrolladora y la nueva fecha "
    "es el 22 de marzo. Como compensación, te hacemos un 10 % de descuento."
)


def _plazo(
    *args: str, stdin: bytes = b"", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "plazo", "check", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
        env=None if env is None else {**os.environ, **env},
    )


def test_a_complete_message_exits_0_with_design_json(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text(GOOD, encoding="utf-8")
    result = _plazo(str(path), "--json")
    assert result.returncode == 0, result.stdout.decode()
    data = json.loads(result.stdout)
    assert data["lang"] == "es"
    assert {"lang", "score", "elements", "warnings"} <= set(data)
    assert all("probability" in element for element in data["elements"].values())
    assert all(data["elements"][name]["present"] for name in data["elements"])
    for element in data["elements"].values():
        for span in element["evidence"]:
            assert GOOD[span["start"] : span["end"]] == span["text"]


def test_a_weak_message_from_stdin_exits_1_and_names_the_warning() -> None:
    result = _plazo("-", "--json", "--lang", "en", stdin=b"We'll send it ASAP.")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert [w["code"] for w in data["warnings"]] == ["vague_timing"]


def test_human_output_shows_the_table_of_elements() -> None:
    result = _plazo(stdin=GOOD.encode())
    assert result.returncode == 0
    out = result.stdout.decode()
    assert "apology" in out
    assert "compensation" in out
    assert "score 100/100" in out


def test_empty_input_exits_2_with_a_clear_message() -> None:
    result = _plazo(stdin=b"")
    assert result.returncode == 2
    assert b"empty" in result.stderr


def test_non_utf8_input_exits_2() -> None:
    result = _plazo(stdin="caf\u00e9 con le\u00f1a".encode("latin-1"))
    assert result.returncode == 2
    assert b"UTF-8" in result.stderr


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    result = _plazo(str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    assert b"no such file" in result.stderr


def test_an_oversized_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"sorry " * 200_000)
    result = _plazo(str(path))
    assert result.returncode == 2
    assert b"larger than" in result.stderr


def test_a_bad_language_is_a_usage_error() -> None:
    result = _plazo("--lang", "fr", stdin=b"hello")
    assert result.returncode == 2


def test_a_mixed_language_message_gets_a_note() -> None:
    text = (
        "Sorry for the delay, we will deliver it on Monday and it is on us. "
        "Lo siento mucho por el retraso, lo tendrás el lunes que viene sin falta."
    )
    result = _plazo("--json", stdin=text.encode())
    assert result.returncode in (0, 1)
    assert b"mixes languages" in result.stderr


def test_a_missing_model_file_exits_2_with_one_sentence(tmp_path: Path) -> None:
    result = _plazo(stdin=GOOD.encode(), env={"PLAZO_CHECK_MODEL": str(tmp_path / "m.npz")})
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1
    assert "does not exist" in lines[0]
    assert result.stdout == b""


def test_a_corrupt_model_file_exits_2_with_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "m.npz"
    path.write_bytes(b"PK\x03\x04 not really a model")
    result = _plazo(stdin=GOOD.encode(), env={"PLAZO_CHECK_MODEL": str(path)})
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1
    assert "not usable" in lines[0]


def test_train_writes_a_model_that_plazo_check_then_uses(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from tests.checktrain.helpers import small_corpus

    small_corpus(tmp_path / "corpus", sources=2, messages=12)
    model = tmp_path / "mine.npz"
    trained = _plazo("train", str(tmp_path / "corpus"), "-o", str(model))
    assert trained.returncode == 0, trained.stderr.decode()
    assert model.is_file()
    assert b"PLAZO_CHECK_MODEL" in trained.stdout
    result = _plazo("--json", stdin=GOOD.encode(), env={"PLAZO_CHECK_MODEL": str(model)})
    assert result.returncode in (0, 1), result.stderr.decode()
    assert json.loads(result.stdout)["lang"] == "es"


def test_train_refuses_a_corpus_whose_labels_disagree(tmp_path: Path) -> None:
    row = {
        "id": "x-1",
        "lang": "en",
        "source": "x",
        "origin": "brief",
        "source_ref": "",
        "genre": "other",
        "text": "Sorry, it is late.",
        "note": "",
        "sentences": [{"text": "Sorry, it is late.", "labels": ["apology"]}],
        "labels": {
            name: name == "impact"
            for name in (
                "apology",
                "impact",
                "assurance",
                "new_date",
                "cause",
                "plan",
                "compensation",
                "vague_timing",
                "blames_client",
                "unknown_date",
            )
        },
    }
    (tmp_path / "bad.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    result = _plazo("train", str(tmp_path / "bad.jsonl"), "-o", str(tmp_path / "m.npz"))
    assert result.returncode == 2
    assert b"sentences disagree" in result.stderr
    assert not (tmp_path / "m.npz").exists()


def test_the_check_command_loads_the_model_once_and_never_django(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text(GOOD, encoding="utf-8")
    code = (
        "import sys\n"
        "from plazo.cli import main\n"
        "from plazo.core.check.learned import load_model\n"
        f"status = main(['check', {str(path)!r}, '--json'])\n"
        "print('RESULT', status, load_model.cache_info().misses,"
        " any(m.split('.')[0] == 'django' for m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.stdout.strip().splitlines()[-1] == "RESULT 0 1 False"
