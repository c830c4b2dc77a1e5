"""What a translation request gives back: a typed success or a typed failure, never a raise."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Outcome = Literal["error", "timeout", "bad_answer", "skipped", "busy"]
CacheLayer = Literal["memory", "db"]


@dataclass(frozen=True)
class Attempt:
    """One backend that did not deliver, and why (already scrubbed of keys)."""

    backend: str
    outcome: Outcome
    detail: str = ""


@dataclass(frozen=True)
class Translated:
    """A translation; `backend` is "identity" when source and target are the same language."""

    text: str
    source: str
    target: str
    backend: str
    cached: CacheLayer | None = None

    @property
    def ok(self) -> Literal[True]:
        """Lets callers branch without isinstance."""
        return True


@dataclass(frozen=True)
class Failed:
    """No translation: every backend failed or was skipped, or the request made no sense."""

    source: str
    target: str
    reason: str
    attempts: tuple[Attempt, ...] = ()

    @property
    def ok(self) -> Literal[False]:
        """Lets callers branch without isinstance."""
        return False
