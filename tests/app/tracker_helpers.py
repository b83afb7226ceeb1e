"""What the tracker import tests share: a clock that records sleeps instead of sleeping."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from plazo.sources import Pacing

__all__ = ["ZONE", "FakeClock"]

ZONE = ZoneInfo("Europe/Madrid")  # the organisations' default time zone


@dataclass
class FakeClock:
    """Epoch time that only moves when something sleeps; records the sleeps and what was said."""

    now: float = datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("UTC")).timestamp()
    slept: list[float] = field(default_factory=list)
    said: list[str] = field(default_factory=list)

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    def pacing(self, max_wait_seconds: float = 900.0) -> Pacing:
        return Pacing(
            max_wait_seconds=max_wait_seconds,
            sleep=self.sleep,
            clock=lambda: self.now,
            say=self.said.append,
        )
