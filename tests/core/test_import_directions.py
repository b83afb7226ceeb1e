"""Imports point one way: the edges (web, api, cli, worker, demo) use the store, the store the core.

Read statically from the source, so a lazy import inside a function counts too.
"""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "plazo"

# package -> the packages it must never import
FORBIDDEN = {
    "core": (
        "django",
        "plazo.store",
        "plazo.web",
        "plazo.api",
        "plazo.cli",
        "plazo.worker",
        "plazo.mail",
        "plazo.demo",
        "plazo.webhooks",
        "plazo.sources",
    ),
    "store": ("plazo.web", "plazo.api", "plazo.cli", "plazo.worker", "plazo.demo"),
    "mail": ("plazo.web", "plazo.api", "plazo.cli", "plazo.worker", "plazo.demo"),
    "webhooks": ("plazo.web", "plazo.api", "plazo.cli", "plazo.worker", "plazo.demo"),
}


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every absolute module a file imports, with its line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_nothing_above_it(package: str) -> None:
    banned = FORBIDDEN[package]
    offences = [
        f"{path.relative_to(SRC.parent)}:{line} imports {module}"
        for path in sorted((SRC / package).rglob("*.py"))
        for line, module in imported_modules(path)
        if any(module == b or module.startswith(b + ".") for b in banned)
    ]
    assert offences == []


def test_the_store_has_no_module_outside_a_capability_folder() -> None:
    services = SRC / "store" / "services"
    loose = sorted(
        p.name for p in services.glob("*.py") if p.name not in {"__init__.py", "unique_insert.py"}
    )
    assert loose == []


def test_the_store_knows_no_url_of_the_web() -> None:
    """Links come from ``plazo.store.links``, which the web registers; the store names no route."""
    offences = [
        f"{path.relative_to(SRC.parent)}:{n}"
        for path in sorted((SRC / "store").rglob("*.py"))
        if "migrations" not in path.parts
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if "reverse(" in line or '"web:' in line or '"/outbox/' in line
    ]
    assert offences == []


# Within the store's services: a folder -> the folders it must never import (they sit above it).
SERVICES_ABOVE = {
    "work": ("delays", "forecasting", "checkins", "editing", "outbox", "pages", "importing"),
    "ledger": ("delays", "forecasting", "checkins", "editing", "work", "pages", "importing"),
}


@pytest.mark.parametrize("folder", sorted(SERVICES_ABOVE))
def test_store_services_import_nothing_above_them(folder: str) -> None:
    """``work`` holds the records every other capability reads, so it imports none of them: the
    dashboard's edits, which re-forecast and may open a delay case, live in ``editing``."""
    banned = [f"plazo.store.services.{name}" for name in SERVICES_ABOVE[folder]]
    offences = [
        f"{path.relative_to(SRC.parent)}:{line} imports {module}"
        for path in sorted((SRC / "store" / "services" / folder).rglob("*.py"))
        for line, module in imported_modules(path)
        if any(module == b or module.startswith(b + ".") for b in banned)
    ]
    assert offences == []
