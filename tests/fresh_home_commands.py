"""Every ``plazo`` command that needs a studio, with arguments that pass its own checks."""

from __future__ import annotations

from pathlib import Path

__all__ = ["commands_needing_a_studio", "write_inputs"]


def commands_needing_a_studio(files: Path) -> dict[str, list[str]]:
    """name -> argv; ``files`` is the folder of :func:`write_inputs`."""
    clients = files / "clients.csv"
    return {
        "import file": ["import", str(clients), "--kind", "clients"],
        "import github": ["import", "github", "owner/repo", "--token", "t"],
        "import jira": ["import", "jira", "--url", "https://x.example", "--jql", "project = A"],
        "ledger": ["ledger"],
        "offers": ["offers"],
        "preview": ["preview", "Tienda"],
        "token create": ["token", "create"],
        "token list": ["token", "list"],
        "token revoke": ["token", "revoke", "plz_abc"],
        "webhook add": ["webhook", "add", "https://hooks.example/plazo"],
        "webhook list": ["webhook", "list"],
        "webhook remove": ["webhook", "remove", "1"],
        "webhook test": ["webhook", "test", "1"],
        "forecast --all": ["forecast", "--all"],
        "worker --once": ["worker", "--once"],
    }


def write_inputs(files: Path) -> None:
    """The small files the commands above read."""
    (files / "clients.csv").write_text("name,language\nLibrería Sol,es\n", encoding="utf-8")
