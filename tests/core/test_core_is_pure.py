"""The functional core must never pull in Django or the application shell."""

import subprocess
import sys

SHELL_PREFIXES = ("django", "plazo.store", "plazo.web", "plazo.mail", "plazo.api", "plazo.cli")


def test_importing_the_core_does_not_import_django_or_the_shell() -> None:
    code = (
        "import pkgutil, importlib, sys\n"
        "import plazo.core\n"
        "for m in pkgutil.walk_packages(plazo.core.__path__, 'plazo.core.'):\n"
        "    importlib.import_module(m.name)\n"
        f"bad = sorted(n for n in sys.modules if n.startswith({SHELL_PREFIXES!r}))\n"
        "print('\\n'.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
