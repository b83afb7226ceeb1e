"""The promise ledger's pure side: records, rules for new dates, and the metrics."""

from __future__ import annotations

from plazo.core.ledger.metrics import (
    CompensationTotals,
    LedgerMetrics,
    MissedDeadline,
    UnannouncedSlip,
    compute_metrics,
)
from plazo.core.ledger.records import OfferRecord, OfferState, Outcome, ProjectId, PromiseRecord
from plazo.core.ledger.rules import (
    NoticeProblem,
    PromiseInPastError,
    PromiseWarning,
    new_date_problems,
    notice_problems,
    outcome_on_delivery,
    validate_new_promise,
)
from plazo.core.ledger.standing import PromiseStanding, Standing, promise_standings
from plazo.core.ledger.workdays import weekday_working_days

__all__ = [
    "CompensationTotals",
    "LedgerMetrics",
    "MissedDeadline",
    "NoticeProblem",
    "OfferRecord",
    "OfferState",
    "Outcome",
    "ProjectId",
    "PromiseInPastError",
    "PromiseRecord",
    "PromiseStanding",
    "PromiseWarning",
    "Standing",
    "UnannouncedSlip",
    "compute_metrics",
    "new_date_problems",
    "notice_problems",
    "outcome_on_delivery",
    "promise_standings",
    "validate_new_promise",
    "weekday_working_days",
]
