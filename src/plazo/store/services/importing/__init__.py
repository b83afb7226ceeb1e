"""Import clients, projects, work items and History CSV from CSV or JSON files, all or nothing.

Parsing and validation are pure functions over rows (``parse_*``); matching reads the database
once per kind into dictionaries (``plan_*``); :func:`import_text` is the one use case that writes,
in one transaction.
"""

from plazo.store.services.importing.history import DEFAULT_HISTORY_CLIENT
from plazo.store.services.importing.problems import ImportRejected, Problem
from plazo.store.services.importing.rows import FileFormat, format_for, read_table
from plazo.store.services.importing.service import KINDS, ImportKind, ImportReport, import_text

__all__ = [
    "DEFAULT_HISTORY_CLIENT",
    "KINDS",
    "FileFormat",
    "ImportKind",
    "ImportRejected",
    "ImportReport",
    "Problem",
    "format_for",
    "import_text",
    "read_table",
]
