"""Imports point one way: the edges (web, api, cli, worker, demo) use the store, the store the core.

Read statically from the source, so a lazy import inside a function counts too.
"""

import ast
from collections.abc import Iterable, Mapping
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
    # What checkins and delays share sits below both: the composer's inputs, the outbox,
    # failure records and alerts, and which week's update a notice covers.
    "composing": ("delays", "checkins", "editing", "failures", "outbox", "pages", "weeks"),
    "outbox": ("delays", "checkins", "editing", "failures", "pages", "weeks", "delivery"),
    "failures": ("delays", "checkins", "editing", "pages", "weeks", "delivery"),
    "weeks": ("delays", "checkins", "editing", "failures", "pages", "delivery"),
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


SERVICES = SRC / "store" / "services"
SERVICES_PACKAGE = "plazo.store.services."


def service_folder_imports() -> dict[str, dict[str, list[str]]]:
    """folder -> the other service folders it imports -> where (``path:line``), lazy imports too."""
    folders = {p.name for p in SERVICES.iterdir() if (p / "__init__.py").is_file()}
    edges: dict[str, dict[str, list[str]]] = {folder: {} for folder in sorted(folders)}
    for folder in sorted(folders):
        for path in sorted((SERVICES / folder).rglob("*.py")):
            for line, module in _service_imports(path):
                target = module.removeprefix(SERVICES_PACKAGE).split(".")[0]
                if target in folders and target != folder:
                    where = f"{path.relative_to(SRC.parent)}:{line}"
                    edges[folder].setdefault(target, []).append(where)
    return edges


def _service_imports(path: Path) -> list[tuple[int, str]]:
    """``imported_modules``, plus ``from plazo.store.services import <folder>`` as that folder."""
    found = [(line, m) for line, m in imported_modules(path) if m.startswith(SERVICES_PACKAGE)]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == SERVICES_PACKAGE.rstrip("."):
            found += [(node.lineno, SERVICES_PACKAGE + alias.name) for alias in node.names]
    return found


def cycles_in(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_the_cycle_finder_finds_every_cycle_and_nothing_else() -> None:
    graph = {"a": ["b"], "b": ["c"], "c": ["a", "d"], "d": ["e"], "e": ["d"], "f": ["a"]}
    assert cycles_in(graph) == [["a", "b", "c"], ["d", "e"]]
    assert cycles_in({"a": ["b"], "b": ["c"], "c": []}) == []


def test_store_service_folders_import_each_other_without_a_cycle() -> None:
    """Each capability sits above the ones it uses: what two folders share moves down into a
    third they both import (``composing/``, ``failures/``, ``weeks/``), never back and forth."""
    edges = service_folder_imports()
    offences = [
        f"{folder} -> {target}: {', '.join(edges[folder][target])}"
        for cycle in cycles_in({folder: list(targets) for folder, targets in edges.items()})
        for folder in cycle
        for target in cycle
        if target in edges[folder]
    ]
    assert offences == []
