"""Work as an issue tracker reports it, in plazo's terms: projects, items, hours and dates.

The GitHub and Jira importers map API answers to these records; the store writes them. Nothing
here knows HTTP or Django, so the mapping rules can be read and tested with plain values.
"""

from plazo.core.tracker.estimates import DEFAULT_ESTIMATE_LABEL, EstimateRule
from plazo.core.tracker.records import TrackerBatch, TrackerItem, TrackerProject, day_of, hours

__all__ = [
    "DEFAULT_ESTIMATE_LABEL",
    "EstimateRule",
    "TrackerBatch",
    "TrackerItem",
    "TrackerProject",
    "day_of",
    "hours",
]
