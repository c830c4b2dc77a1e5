"""Telegram-like flood limits, with an injectable clock so tests need not sleep."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class _Bucket:
    """Token bucket for one chat: steady rate with a small burst allowance."""

    tokens: float
    updated: float


@dataclass
class FloodLimiter:
    """~30 msg/s overall, ~1 msg/s per chat (burst 3), 20 msg/min per group."""

    clock: Callable[[], float] = time.monotonic
    global_per_second: int = 30
    chat_per_second: float = 1.0
    chat_burst: int = 3
    group_per_minute: int = 20
    _global: deque[float] = field(default_factory=deque)
    _groups: dict[int, deque[float]] = field(default_factory=dict)
    _chats: dict[int, _Bucket] = field(default_factory=dict)

    def check(self, chat_id: int, *, is_group: bool) -> int | None:
        """Record one message; returns retry_after seconds instead when over a limit."""
        now = self.clock()
        waits: list[float] = []
        while self._global and self._global[0] <= now - 1.0:
            self._global.popleft()
        if len(self._global) >= self.global_per_second:
            waits.append(self._global[0] + 1.0 - now)
        bucket = self._chats.get(chat_id) or _Bucket(tokens=float(self.chat_burst), updated=now)
        bucket.tokens = min(
            float(self.chat_burst), bucket.tokens + (now - bucket.updated) * self.chat_per_second
        )
        bucket.updated = now
        self._chats[chat_id] = bucket
        if bucket.tokens < 1.0:
            waits.append((1.0 - bucket.tokens) / self.chat_per_second)
        group = self._groups.setdefault(chat_id, deque()) if is_group else None
        if group is not None:
            while group and group[0] <= now - 60.0:
                group.popleft()
            if len(group) >= self.group_per_minute:
                waits.append(group[0] + 60.0 - now)
        if waits:
            return max(1, math.ceil(max(waits)))
        self._global.append(now)
        bucket.tokens -= 1.0
        if group is not None:
            group.append(now)
        return None

    def reset(self) -> None:
        """Forget all history (e.g. when flood control is switched on mid-test)."""
        self._global.clear()
        self._groups.clear()
        self._chats.clear()
