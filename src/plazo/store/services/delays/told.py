"""A delay case ends when the client has its notice: draft → approved → sent.

An approved case is still open (its notice waits in the outbox, and the portfolio says so); once
the notice is out the case is closed, so the next danger to the new promise opens a new case —
the re-slip the ledger counts — instead of finding this one still open and staying silent.
"""

from __future__ import annotations

from plazo.store.models import DelayCase, DelayCaseState

__all__ = ["close_case_told"]


def close_case_told(case_id: int) -> bool:
    """Mark the approved case sent (compare-and-set: a case in any other state is left alone)."""
    changed = DelayCase.objects.filter(pk=case_id, state=DelayCaseState.APPROVED).update(
        state=DelayCaseState.SENT
    )
    return changed == 1
