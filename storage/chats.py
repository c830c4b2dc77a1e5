"""Chats the bot is in: their settings, whether the bot is still there, and id migrations."""

from __future__ import annotations

from bot.chats.models import ChatRecord
from storage.database import Row, Session, Tx
from storage.timestamps import utc_now_iso


def _memo(db: Session) -> dict[int, ChatRecord]:
    return db.memo.setdefault("chats", {})


def forget(db: Session, *chat_ids: int) -> None:
    """Drop memoised rows after a write to them (call it after the commit)."""
    memo = _memo(db)
    for chat_id in chat_ids:
        memo.pop(chat_id, None)


async def _references_to_chats(tx: Tx) -> list[tuple[str, str]]:
    """Every (table, column) with a foreign key to chats, read from the schema itself."""
    found = []
    for row in await tx.all("SELECT name FROM sqlite_master WHERE type = 'table'"):
        table = row["name"]
        for key in await tx.all(f"PRAGMA foreign_key_list({table})"):
            if key["table"] == "chats":
                found.append((table, key["from"]))
    return found


def _record(row: Row) -> ChatRecord:
    languages = tuple(code for code in (row["languages"] or "").split(",") if code)
    return ChatRecord(
        id=row["id"],
        type=row["type"],
        title=row["title"],
        timezone=row["timezone"],
        languages=languages,
        active=bool(row["active"]),
        autotranslate=bool(row["autotranslate"]),
    )


class SqliteChats:
    """The chats repository, over a transaction or the autocommit database."""

    def __init__(self, session: Session) -> None:
        self._s = session

    async def remember_chat(self, chat_id: int, chat_type: str, title: str) -> ChatRecord:
        """Insert or refresh a chat seen in an update; a chat that writes to us is active again."""
        known = await self.get_chat(chat_id)
        if known is not None and (known.type, known.title, known.active) == (
            chat_type,
            title,
            True,
        ):
            return known  # the common case: nothing to write
        now = utc_now_iso()
        async with self._s.atomic() as tx:
            await tx.execute(
                """INSERT INTO chats (id, type, title, created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (id) DO UPDATE SET type = excluded.type, title = excluded.title,
                       active = 1, updated_at = excluded.updated_at
                   WHERE chats.type IS NOT excluded.type OR chats.title IS NOT excluded.title
                      OR chats.active = 0""",
                (chat_id, chat_type, title, now, now),
            )
            row = await tx.one("SELECT * FROM chats WHERE id = ?", (chat_id,))
        assert row is not None
        _memo(self._s)[chat_id] = record = _record(row)
        return record

    async def get_chat(self, chat_id: int) -> ChatRecord | None:
        """The stored chat, if known (memoised: every update asks)."""
        memo = _memo(self._s)
        if chat_id in memo:
            return memo[chat_id]
        row = await self._s.one("SELECT * FROM chats WHERE id = ?", (chat_id,))
        if row is None:
            return None
        memo[chat_id] = record = _record(row)
        return record

    async def set_timezone(self, chat_id: int, zone: str) -> None:
        """Store a validated IANA zone for the chat."""
        async with self._s.atomic() as tx:
            await tx.execute(
                "UPDATE chats SET timezone = ?, updated_at = ? WHERE id = ?",
                (zone, utc_now_iso(), chat_id),
            )
        forget(self._s, chat_id)

    async def set_languages(self, chat_id: int, languages: list[str]) -> None:
        """Store the chat's languages in the order given (the first is the chat's default)."""
        if not languages:
            raise ValueError("a chat keeps at least one language")
        async with self._s.atomic() as tx:
            await tx.execute(
                "UPDATE chats SET languages = ?, updated_at = ? WHERE id = ?",
                (",".join(languages), utc_now_iso(), chat_id),
            )
        forget(self._s, chat_id)

    async def set_active(self, chat_id: int, active: bool) -> None:
        """Mark a chat the bot was removed from (or re-added to)."""
        async with self._s.atomic() as tx:
            await tx.execute(
                "UPDATE chats SET active = ?, updated_at = ? WHERE id = ?",
                (int(active), utc_now_iso(), chat_id),
            )
        forget(self._s, chat_id)

    async def move_chat(self, old_id: int, new_id: int) -> bool:
        """Give the old group's row (and, by cascade, everything keyed by it) the supergroup's id.

        The supergroup may already have a row of its own (its first message can arrive before
        the migration notice): then both are merged, the old row's settings winning, and rows
        that pointed at the new id are kept, pointing at the merged chat.
        """
        async with self._s.atomic() as tx:
            old = await tx.one("SELECT * FROM chats WHERE id = ?", (old_id,))
            if old is None:
                return False
            new = await tx.one("SELECT * FROM chats WHERE id = ?", (new_id,))
            if new is not None:
                for table, column in await _references_to_chats(tx):
                    await tx.execute(
                        f"UPDATE OR IGNORE {table} SET {column} = ? WHERE {column} = ?",
                        (old_id, new_id),
                    )
                    await tx.execute(f"DELETE FROM {table} WHERE {column} = ?", (new_id,))
                await tx.execute("DELETE FROM chats WHERE id = ?", (new_id,))
                for setting in ("timezone", "languages"):
                    if old[setting] is None and new[setting] is not None:
                        await tx.execute(
                            f"UPDATE chats SET {setting} = ? WHERE id = ?", (new[setting], old_id)
                        )
            await tx.execute(
                "UPDATE chats SET id = ?, type = 'supergroup', active = 1, updated_at = ?"
                " WHERE id = ?",
                (new_id, utc_now_iso(), old_id),
            )
        forget(self._s, old_id, new_id)
        self._s.memo.pop("glossary", None)  # glossary rows now belong to the new id
        return True
