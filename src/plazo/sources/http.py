"""One HTTP client for the trackers: JSON requests that wait out rate limits and retry hiccups.

Failures become one of a few :class:`SourceError` kinds whose messages say what to fix. Time is
injected (:class:`Pacing`), so tests assert the waits instead of sleeping through them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from plazo import __version__
from plazo.sources.limits import clock_time, rate_limit

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

TIMEOUT = httpx.Timeout(30.0, connect=10.0)
RETRIES = 3  # after the first try, for 5xx answers, timeouts and dropped connections
RATE_LIMIT_WAITS = 5  # rate-limit answers in a row before giving up on one request


class SourceError(Exception):
    """The tracker could not give what was asked; the message says why and what to do."""


class BadCredentials(SourceError):
    """401: the token (or user and token) was refused."""


class AccessDenied(SourceError):
    """403 that is not a rate limit: the credentials work but may not read this."""


class NotFound(SourceError):
    """404: no such resource, or one the credentials cannot see."""


class RequestRejected(SourceError):
    """Another 4xx: the request itself is wrong (a bad JQL query, say)."""


class Unavailable(SourceError):
    """The tracker kept failing, or asked for a longer wait than allowed: try again later."""


@dataclass(frozen=True)
class Pacing:
    """How to wait: ``sleep`` and ``clock`` (epoch seconds) are injectable; ``say`` reports."""

    max_wait_seconds: float = 900.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.time
    say: Callable[[str], None] = lambda message: None


class ApiClient:
    """JSON over HTTP to one tracker (``service`` names it in messages, e.g. "GitHub")."""

    def __init__(
        self,
        service: str,
        base_url: str,
        *,
        headers: Mapping[str, str] | None = None,
        auth: httpx.Auth | tuple[str, str] | None = None,
        pacing: Pacing | None = None,
    ) -> None:
        self.service = service
        self.pacing = pacing or Pacing()
        if httpx.URL(base_url).scheme not in ("http", "https"):
            raise RequestRejected(f"{base_url!r} is not an http:// or https:// address")
        self.http = httpx.Client(
            base_url=base_url.rstrip("/"),
            headers={"User-Agent": f"plazo/{__version__}", **(headers or {})},
            auth=auth,
            timeout=TIMEOUT,
            follow_redirects=True,  # httpx drops the Authorization header on leaving the host
        )

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.http.close()

    def get(self, url: str, params: Mapping[str, Any] | None = None) -> httpx.Response:
        """GET ``url`` (relative to the base, or a full ``next`` link) until the answer is 2xx,
        waiting out rate limits and retrying transient failures.

        1. A rate-limit answer: wait what it asks (told to ``pacing.say``), up to the maximum.
        2. A 5xx, a timeout or a dropped connection: retry ``RETRIES`` times, backing off 1, 2, 4 s.
        3. Any other 4xx: raise the matching :class:`SourceError` at once.

        A full URL (a pagination link) must be on the base's host: the credentials go nowhere else.
        """
        target = self.http.base_url.join(url)
        if (target.scheme, target.host, target.port) != (
            self.http.base_url.scheme,
            self.http.base_url.host,
            self.http.base_url.port,
        ):
            raise RequestRejected(
                f"{self.service} pointed at another site ({target.host}); refused"
            )
        failures = 0
        limited = 0
        while True:
            try:
                response = self.http.get(url, params=params)
            except httpx.TransportError as error:
                failures += 1
                self._back_off(failures, f"{type(error).__name__} ({error})")
                continue
            if response.is_success:
                return response
            limit = rate_limit(
                response.status_code, response.headers, response.text, now=self.pacing.clock()
            )
            if limit is not None:
                limited += 1
                self._wait_for_limit(limit.seconds, limit.kind, limited)
                continue
            if response.status_code >= 500:
                failures += 1
                self._back_off(failures, f"answer {response.status_code}")
                continue
            raise self._error(response)

    def _wait_for_limit(self, seconds: float, kind: str, times: int) -> None:
        if times > RATE_LIMIT_WAITS:
            raise Unavailable(
                f"{self.service} {kind} reached {times} times in a row; run again later"
            )
        until = clock_time(self.pacing.clock() + seconds)
        if seconds > self.pacing.max_wait_seconds:
            raise Unavailable(
                f"{self.service} {kind} reached; it lifts in {seconds:.0f} s (at {until}), "
                f"longer than --max-wait {self.pacing.max_wait_seconds:.0f} s allows; "
                "run again then, or raise --max-wait"
            )
        self.pacing.say(f"{self.service} {kind} reached; waiting {seconds:.0f} s until {until}…")
        self.pacing.sleep(seconds)

    def _back_off(self, failures: int, what: str) -> None:
        if failures > RETRIES:
            raise Unavailable(
                f"{self.service} did not answer properly after {failures} tries ({what}); "
                "run again later"
            )
        seconds = float(2 ** (failures - 1))
        self.pacing.say(f"{self.service}: {what}; retrying in {seconds:.0f} s…")
        self.pacing.sleep(seconds)

    def _error(self, response: httpx.Response) -> SourceError:
        status = response.status_code
        said = _message_of(response)
        where = response.request.url.path
        detail = f" ({status}: {said})" if said else f" ({status})"
        if status == 401:
            return BadCredentials(f"{self.service} refused the credentials{detail}")
        if status == 403:
            return AccessDenied(f"{self.service} denied access to {where}{detail}")
        if status == 404:
            return NotFound(f"{self.service} has nothing at {where}, or hides it{detail}")
        return RequestRejected(f"{self.service} rejected the request to {where}{detail}")


def _message_of(response: httpx.Response) -> str:
    """The error text in a JSON body (GitHub ``message``, Jira ``errorMessages``)."""
    try:
        body = response.json()
    except ValueError:
        return ""
    if not isinstance(body, dict):
        return ""
    parts: list[str] = []
    if isinstance(body.get("message"), str):
        parts.append(body["message"])
    for key in ("errorMessages", "warningMessages"):
        parts += [str(text) for text in body.get(key) or [] if text]
    if isinstance(body.get("errors"), dict):
        parts += [f"{field}: {text}" for field, text in body["errors"].items()]
    return "; ".join(parts)[:300]
