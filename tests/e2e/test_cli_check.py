"""``plazo check`` end to end: exit codes, JSON shape, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

GOOD = (
    "Hola Marta, lo siento mucho: la web no estará lista el 15 de marzo. Sé que contabas con "
    "ella para la feria. El problema fue un fallo del proveedor de hosting; ya lo hemos resuelto "
    "y no volverá a pasar. Vamos a reforzar el equipo con otra desarrolladora y la nueva fecha "
    "es el 22 de marzo. Como compensación, te hacemos un 10 % de descuento."
)


def _plazo(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "plazo", "check", *args],
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
    )


def test_a_complete_message_exits_0_with_design_json(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text(GOOD, encoding="utf-8")
    result = _plazo(str(path), "--json")
    assert result.returncode == 0, result.stdout.decode()
    data = json.loads(result.stdout)
    assert data["lang"] == "es"
    assert set(data) == {"lang", "score", "elements", "warnings"}
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


def test_dev_null_is_named_empty_not_missing() -> None:
    result = _plazo("/dev/null")
    assert result.returncode == 2
    assert (
        result.stderr.decode()
        == "plazo: error: /dev/null: the input is empty; give a delay message\n"
    )


def test_an_empty_file_is_named_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = _plazo(str(path))
    assert result.returncode == 2
    assert b"the input is empty" in result.stderr


def test_a_directory_is_named_as_such(tmp_path: Path) -> None:
    result = _plazo(str(tmp_path))
    assert result.returncode == 2
    assert b"is a directory" in result.stderr


def test_an_unreadable_input_is_named_as_such() -> None:
    result = _plazo("/proc/self/mem")  # exists, and reading it from the start fails
    assert result.returncode == 2
    assert b"/proc/self/mem: cannot read it" in result.stderr
    assert b"no such file" not in result.stderr


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
