"""Stand-ins for translation services and clocks, so tests and benchmarks stay offline."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Literal

FakeMode = Literal["ok", "error", "quota", "empty", "none", "echo"]
Transform = Callable[[str, str, str], str]

# What MyMemory really puts into `translatedText` once the daily quota is gone.
QUOTA_TEXT = (
    "MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY. NEXT AVAILABLE IN  "
    "10 HOURS 20 MINUTES 15 SECONDS VISIT HTTPS://MYMEMORY.TRANSLATED.NET/DOC/USAGELIMITS.PHP "
    "TO TRANSLATE MORE"
)


class FakeBackendError(RuntimeError):
    """Raised by a FakeBackend told to fail."""


def tag_target(text: str, source: str, target: str) -> str:
    """Default fake translation: "[fi] text", so tests see which target was asked."""
    return f"[{target}] {text}"


def upper_case(text: str, source: str, target: str) -> str:
    """A translator that shouts: mangles case of every word."""
    return text.upper()


def reverse_words(text: str, source: str, target: str) -> str:
    """A translator that reorders words, as real ones do between languages."""
    return " ".join(reversed(text.split(" ")))


def reverse_letters(text: str, source: str, target: str) -> str:
    """A translator that mangles every word beyond recognition."""
    return " ".join(word[::-1] for word in text.split(" "))


class FakeBackend:
    """A Backend with a configurable delay (slept in the worker thread) and failure mode.

    Modes: "ok" (apply `transform`), "error" (raise), "quota" (MyMemory's quota text),
    "empty" (""), "none" (None, as Google's scraper sometimes returns), "echo" (the input).
    `fail_first=N` fails the first N calls, then follows the mode. Attributes may be
    changed between calls. `calls`, `in_flight` and `max_in_flight` are thread-safe.
    """

    def __init__(
        self,
        name: str = "fake",
        *,
        delay: float = 0.0,
        mode: FakeMode = "ok",
        transform: Transform = tag_target,
        fail_first: int = 0,
    ) -> None:
        self.name = name
        self.delay = delay
        self.mode: FakeMode = mode
        self.transform = transform
        self.fail_first = fail_first
        self.calls: list[tuple[str, str, str]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"FakeBackend({self.name!r}, mode={self.mode!r}, delay={self.delay})"

    @property
    def call_count(self) -> int:
        """How many times translate() was entered."""
        with self._lock:
            return len(self.calls)

    def translate(self, text: str, source: str, target: str) -> str:
        """Behave as configured; blocks the calling thread for `delay` seconds first."""
        with self._lock:
            self.calls.append((text, source, target))
            number = len(self.calls)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.delay > 0:
                time.sleep(self.delay)
            if number <= self.fail_first or self.mode == "error":
                raise FakeBackendError(f"{self.name} failed on purpose")
            if self.mode == "quota":
                return QUOTA_TEXT
            if self.mode == "empty":
                return ""
            if self.mode == "none":
                return None  # type: ignore[return-value]  # what a broken backend does
            if self.mode == "echo":
                return text
            return self.transform(text, source, target)
        finally:
            with self._lock:
                self.in_flight -= 1


class ManualClock:
    """A monotonic clock in seconds that moves only when told, for circuit breaker tests."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = start

    def __call__(self) -> float:
        """The current reading."""
        return self.now

    def advance(self, seconds: float) -> None:
        """Move forward."""
        self.now += seconds


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
