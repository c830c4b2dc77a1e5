"""Translations already paid for: a bounded in-memory LRU in front of the SQLite table."""

from __future__ import annotations

import asyncio
import logging
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from bot.common.store import Store
from bot.translation.ports import TranslationUnit
from bot.translation.results import CacheLayer

log = logging.getLogger(__name__)
DEFAULT_MEMORY_SIZE = 4096
FLUSH_DELAY = 0.05  # seconds

Key = tuple[str, str, str, str]  # (normalised text, source, target, backend)


def normalise(text: str) -> str:
    """NFC, spaces collapsed and trimmed per line, blank-line runs cut to one.

    Line breaks are kept on purpose: in chat messages they carry meaning (lists, addresses),
    so "a\\nb" and "a b" are different texts to translate.
    """
    lines: list[str] = []
    for raw in unicodedata.normalize("NFC", text).splitlines():
        line = " ".join(raw.split())
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip()


@dataclass(frozen=True)
class CacheHit:
    """A cached translation, which backend made it and which layer had it."""

    translation: str
    backend: str
    layer: CacheLayer


class TranslationCache:
    """Look up memory first, then the database; a database error only costs a cache miss."""

    def __init__(
        self,
        store: Store[TranslationUnit] | None = None,
        *,
        memory_size: int = DEFAULT_MEMORY_SIZE,
    ):
        if memory_size < 0:
            raise ValueError("memory_size must be >= 0")
        self.store = store
        self.memory_size = memory_size
        self._memory: OrderedDict[Key, str] = OrderedDict()
        # Database writes are gathered and made in one transaction shortly after, so a burst
        # of translations costs a few writes instead of one per language per message.
        self._pending: dict[Key, str] = {}
        self._flusher: asyncio.Task[None] | None = None

    def __len__(self) -> int:
        """Entries held in memory."""
        return len(self._memory)

    def _remember(self, key: Key, translation: str) -> None:
        if self.memory_size == 0:
            return
        self._memory[key] = translation
        self._memory.move_to_end(key)
        while len(self._memory) > self.memory_size:
            self._memory.popitem(last=False)

    async def get(
        self, text: str, source: str, target: str, backends: Sequence[str]
    ) -> CacheHit | None:
        """The cached answer of the first backend in `backends` that has one, or None."""
        for backend in backends:
            key = (text, source, target, backend)
            translation = self._memory.get(key) or self._pending.get(key)
            if translation is not None:
                if key in self._memory:
                    self._memory.move_to_end(key)
                return CacheHit(translation, backend, "memory")
        if self.store is None:
            return None
        try:
            async with self.store.read() as uow:
                found = await uow.translations.lookup(text, source, target, backends)
        except Exception as error:  # a broken cache must not break translation
            log.warning("translation cache read failed: %s", type(error).__name__)
            return None
        if found is None:
            return None
        backend, translation = found
        self._remember((text, source, target, backend), translation)
        return CacheHit(translation, backend, "db")

    async def put(
        self, text: str, source: str, target: str, backend: str, translation: str
    ) -> None:
        """Remember in memory now and, if there is one, in the database within FLUSH_DELAY."""
        self._remember((text, source, target, backend), translation)
        if self.store is None:
            return
        self._pending[(text, source, target, backend)] = translation
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.get_running_loop().create_task(self._flush_soon())

    async def _flush_soon(self) -> None:
        await asyncio.sleep(FLUSH_DELAY)
        await self.flush()

    async def flush(self) -> None:
        """Write what is waiting (also called at shutdown, before the database closes)."""
        pending, self._pending = self._pending, {}
        if not pending or self.store is None:
            return
        rows = [(*key, translation) for key, translation in pending.items()]
        try:
            async with self.store.write() as uow:
                await uow.translations.save_many(rows)
        except Exception as error:
            log.warning("translation cache write failed: %s", type(error).__name__)
