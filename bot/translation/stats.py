"""Counters that show where translations come from and which backends let us down."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class TranslationStats:
    """Per-backend calls, failures, timeouts, breaker skips; cache hits by layer; outcomes.

    `busy` counts requests that found no free worker slot within the timeout.
    """

    calls: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    timeouts: Counter[str] = field(default_factory=Counter)
    bad_answers: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    memory_hits: int = 0
    db_hits: int = 0
    misses: int = 0
    busy: int = 0
    translated: int = 0
    failed: int = 0

    @property
    def cache_hits(self) -> int:
        """Answers that cost no backend call."""
        return self.memory_hits + self.db_hits

    @property
    def total_timeouts(self) -> int:
        """Timeouts over all backends."""
        return sum(self.timeouts.values())

    def snapshot(self) -> dict[str, Any]:
        """A plain copy for logs, a /stats command or a benchmark report."""
        return {
            "calls": dict(self.calls),
            "failures": dict(self.failures),
            "timeouts": dict(self.timeouts),
            "bad_answers": dict(self.bad_answers),
            "skipped": dict(self.skipped),
            "memory_hits": self.memory_hits,
            "db_hits": self.db_hits,
            "misses": self.misses,
            "busy": self.busy,
            "translated": self.translated,
            "failed": self.failed,
        }
