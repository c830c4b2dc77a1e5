"""A clock the tests can move, so time-dependent behaviour is tested without sleeping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Anything that tells the current UTC time."""

    def now(self) -> datetime:
        """Current aware UTC datetime."""
        ...


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        """Current aware UTC datetime."""
        return datetime.now(UTC)


class FrozenClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime) -> None:
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        """The set time."""
        return self._now

    def advance(self, delta: timedelta) -> None:
        """Move forward."""
        self._now += delta
