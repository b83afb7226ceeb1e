"""Signals the store sends for work that other apps act on (the worker schedules re-forecasts).

A saved ``WorkItem`` already sends Django's ``post_save``; bulk writes (imports) send none, so
they announce the projects they changed with :data:`work_changed_in_bulk`, once per project,
after the import commits. The worker's receiver (``plazo.worker.signals``) schedules the same
debounced re-forecast a saved item does, whatever wrote the rows: the CLI, a web page, a script.
"""

from __future__ import annotations

from django.dispatch import Signal

__all__ = ["work_changed_in_bulk"]

work_changed_in_bulk = Signal()
"""Sent with ``project_id`` (an int) for each project whose work or promise a bulk write changed."""
