"""Fetch work from issue trackers (GitHub, Jira) over HTTP and map it to tracker records.

No Django here: the CLI fetches everything first, then hands the records to the store's import
use case, which writes them all or nothing.
"""

from plazo.sources.http import (
    AccessDenied,
    ApiClient,
    BadCredentials,
    NotFound,
    Pacing,
    RequestRejected,
    SourceError,
    Unavailable,
)

__all__ = [
    "AccessDenied",
    "ApiClient",
    "BadCredentials",
    "NotFound",
    "Pacing",
    "RequestRejected",
    "SourceError",
    "Unavailable",
]
