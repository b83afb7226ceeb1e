"""Every problem an import of clients, projects or history (or of a misshapen file) finds is a
message-catalogue entry with its values, so a Spanish page says it in Spanish; the terminal keeps
the English ``FILE:LINE:COLUMN: message``."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from plazo.store.models import ProjectStatus
from plazo.store.services.importing import ImportRejected, Problem, import_text
from tests.app.factories import NOW, make_client, make_org, make_project

pytestmark = pytest.mark.django_db


def _rejected(org: object, kind: str, text: str, file_format: str = "csv") -> list[Problem]:
    with pytest.raises(ImportRejected) as rejected:
        import_text(org, kind, text, file_format, source="f", now=NOW)  # type: ignore[arg-type]
    return rejected.value.problems


def _spanish(problems: list[Problem]) -> list[str]:
    """Each problem as a Spanish page says it; fails on one that has no Spanish entry."""
    said = []
    with translation.override("es"):
        for problem in problems:
            assert problem.template, problem.message
            spanish = translation.gettext(problem.template)
            assert spanish != problem.template, f"no Spanish entry for {problem.template!r}"
            said.append(spanish % dict(problem.params) if problem.params else spanish)
    return said


def test_the_problems_of_a_clients_file_have_spanish_entries() -> None:
    org = make_org()
    make_client(org, name="Acme", external_id="C-1")
    make_client(org, name="Beta")
    text = (
        "name,external_id,time_zone,country\n"
        "Acme,C-9,Mars/Olympus,XX\n"
        "Gamma,,,\n"
        "Gamma,,UTC,\n"
        "Delta,D-1,,\n"
        "Beta,D-1,,\n"
    )
    said = _spanish(_rejected(org, "clients", text))
    assert "el mismo cliente está en la línea 3 con otros valores" in said
    assert any(s.startswith("debe ser UTC o una zona horaria") for s in said)
    assert "'Acme' es el cliente con id externo 'C-1', no 'C-9'" in said


def test_the_problems_of_a_projects_file_have_spanish_entries() -> None:
    org = make_org()
    client = make_client(org, name="Acme")
    make_project(org, client, name="Web", external_id="P-1")
    delivered = make_project(org, client, name="Old", start_on=date(2026, 9, 1))
    delivered.status, delivered.delivered_on = ProjectStatus.DELIVERED, date(2026, 10, 1)
    delivered.save()
    text = (
        "client,name,external_id,start_on,promised_on,status,delivered_on,country,subdivision,"
        "capacity_hours_per_week\n"
        "Nobody,App,,2026-11-02,,,,,,\n"
        "Acme,New,,,,,,,,\n"
        "Acme,Late,,2026-11-02,2026-10-01,,,,,0.5\n"
        "Acme,Web,P-2,2026-11-02,,,,,,\n"
        "Acme,Soon,,2026-11-02,,delivered,2027-01-04,ES,ZZ,\n"
        "Acme,Odd,,2026-11-02,,active,2026-11-20,,,\n"
        "Acme,Late,,2026-11-02,,,,,,\n"
        "Acme,Old,,,,active,,,,\n"
    )
    said = _spanish(_rejected(org, "projects", text))
    assert (
        "no hay ningún cliente llamado 'Nobody' ni con ese id externo; importe primero los clientes"
    ) in said
    assert "no puede ser anterior a start_on (2026-11-02)" in said
    assert "debe ser ≥ 1 y ≤ 10000; se recibió 0.5" in said
    assert "no es una región de ES con calendario de festivos" in said
    assert "el mismo proyecto ya está en la línea 4" in said
    assert any("se entregó el 2026-10-01" in s for s in said)


def test_the_problems_of_a_history_file_have_spanish_entries() -> None:
    text = (
        "project,task,estimate,actual,completed_on,started_on\n"
        "Web,Login,4,5,2026-11-02,2026-11-09\n"
    )
    said = _spanish(_rejected(make_org(), "history", text))
    assert said == ["es posterior a completed_on (2026-11-02)"]


@pytest.mark.parametrize(
    ("text", "file_format", "spanish"),
    [
        ("name,name\nAcme,Acme\n", "csv", "la columna 'name' aparece dos veces"),
        ("name,\nAcme,\n", "csv", "nombre de columna vacío"),
        ("name\nAcme,extra\n", "csv", "2 valores, pero la cabecera nombra 1 columnas"),
        ("", "csv", "el archivo está vacío; se esperaba una fila de cabecera"),
        ("{}", "json", "se esperaba un array JSON de objetos"),
        ('[{"name": "Acme",', "json", "no es un JSON válido: Expecting property name"),
        ("[1]", "json", "se esperaba un objeto con los nombres de columna como claves"),
        ('[{"name": ["Acme"]}]', "json", "se esperaba un valor simple"),
    ],
)
def test_the_problems_of_a_misshapen_file_have_spanish_entries(
    text: str, file_format: str, spanish: str
) -> None:
    said = _spanish(_rejected(make_org(), "clients", text, file_format))
    assert any(s.startswith(spanish) for s in said), said


def test_the_terminal_keeps_the_english_message() -> None:
    org = make_org()
    make_client(org, name="Acme")
    text = "client,name,start_on,promised_on\nAcme,Late,2026-11-02,2026-10-01\n"
    with translation.override("es"):
        problems = _rejected(org, "projects", text)
    assert [p.format("p.csv") for p in problems] == [
        "p.csv:2:4: promised_on: must not be before start_on (2026-11-02)"
    ]
