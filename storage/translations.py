"""The persistent translation cache: one row per (text, language pair, backend)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from storage.database import Session
from storage.timestamps import utc_now_iso


def text_hash(text: str) -> str:
    """The key of a normalised text: fixed length however long the message is."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class SqliteTranslationCache:
    """The translations repository, over a transaction or the autocommit database."""

    def __init__(self, session: Session) -> None:
        self._s = session

    async def lookup(
        self, text: str, source: str, target: str, backends: Sequence[str]
    ) -> tuple[str, str] | None:
        """(backend, translation) from the first of `backends` that has one cached, else None."""
        if not backends:
            return None
        marks = ", ".join("?" for _ in backends)
        rows = await self._s.all(
            # Only "?" marks are formatted in; every value is bound.
            f"SELECT backend, translation FROM translations "
            f"WHERE text_hash = ? AND source = ? AND target = ? AND text = ? "
            f"AND backend IN ({marks})",
            (text_hash(text), source, target, text, *backends),
        )
        found = {str(row["backend"]): str(row["translation"]) for row in rows}
        for backend in backends:
            if backend in found:
                return backend, found[backend]
        return None

    async def save(
        self, text: str, source: str, target: str, backend: str, translation: str
    ) -> None:
        """Remember a translation; a newer answer from the same backend replaces the old one."""
        async with self._s.atomic() as tx:
            await tx.execute(
                "INSERT INTO translations "
                "(text_hash, source, target, backend, text, translation, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (text_hash, source, target, backend) DO UPDATE SET "
                "text = excluded.text, translation = excluded.translation, "
                "created_at = excluded.created_at",
                (text_hash(text), source, target, backend, text, translation, utc_now_iso()),
            )

    async def save_many(self, rows: list[tuple[str, str, str, str, str]]) -> None:
        """Remember several (text, source, target, backend, translation) in one transaction."""
        now = utc_now_iso()
        async with self._s.atomic() as tx:
            for text, source, target, backend, translation in rows:
                await tx.execute(
                    "INSERT INTO translations "
                    "(text_hash, source, target, backend, text, translation, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (text_hash, source, target, backend) DO UPDATE SET "
                    "text = excluded.text, translation = excluded.translation, "
                    "created_at = excluded.created_at",
                    (text_hash(text), source, target, backend, text, translation, now),
                )

    async def forget_older_than(self, moment_iso: str) -> int:
        """Drop translations cached before a UTC ISO time; return how many went."""
        async with self._s.atomic() as tx:
            return await tx.execute("DELETE FROM translations WHERE created_at < ?", (moment_iso,))

    async def count(self) -> int:
        """How many translations are cached."""
        return int(await self._s.value("SELECT COUNT(*) FROM translations"))
