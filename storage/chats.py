"""Chats the bot is in: their settings, whether the bot is still there, and id migrations."""

from __future__ import annotations

from dataclasses import dataclass

from storage.database import Database, Row
from storage.timestamps import utc_now_iso


@dataclass(frozen=True)
class ChatRecord:
    """A chat's stored settings; None means "use the configured default"."""

    id: int
    type: str
    title: str
    timezone: str | None
    languages: tuple[str, ...]
    active: bool
    autotranslate: bool = False


async def remember_chat(db: Database, chat_id: int, chat_type: str, title: str) -> ChatRecord:
    """Insert or refresh a chat seen in an update; a chat that writes to us is active again."""
    known = await get_chat(db, chat_id)
    if known is not None and (known.type, known.title, known.active) == (chat_type, title, True):
        return known  # the common case: nothing to write
    now = utc_now_iso()
    async with db.write() as tx:
        await tx.execute(
            """INSERT INTO chats (id, type, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET type = excluded.type, title = excluded.title,
                   active = 1, updated_at = excluded.updated_at
               WHERE chats.type IS NOT excluded.type OR chats.title IS NOT excluded.title
                  OR chats.active = 0""",
            (chat_id, chat_type, title, now, now),
        )
        row = await tx.one("SELECT * FROM chats WHERE id = ?", (chat_id,))
    assert row is not None
    return _record(row)


async def get_chat(db: Database, chat_id: int) -> ChatRecord | None:
    """The stored chat, if known."""
    row = await db.one("SELECT * FROM chats WHERE id = ?", (chat_id,))
    return None if row is None else _record(row)


async def set_timezone(db: Database, chat_id: int, zone: str) -> None:
    """Store a validated IANA zone for the chat."""
    async with db.write() as tx:
        await tx.execute(
            "UPDATE chats SET timezone = ?, updated_at = ? WHERE id = ?",
            (zone, utc_now_iso(), chat_id),
        )


async def set_languages(db: Database, chat_id: int, languages: list[str]) -> None:
    """Store the chat's languages in the order given (the first is the chat's default)."""
    if not languages:
        raise ValueError("a chat keeps at least one language")
    async with db.write() as tx:
        await tx.execute(
            "UPDATE chats SET languages = ?, updated_at = ? WHERE id = ?",
            (",".join(languages), utc_now_iso(), chat_id),
        )


async def set_active(db: Database, chat_id: int, active: bool) -> None:
    """Mark a chat the bot was removed from (or re-added to)."""
    async with db.write() as tx:
        await tx.execute(
            "UPDATE chats SET active = ?, updated_at = ? WHERE id = ?",
            (int(active), utc_now_iso(), chat_id),
        )


async def move_chat(db: Database, old_id: int, new_id: int) -> bool:
    """Give the old group's row (and, by cascade, everything keyed by it) the supergroup's id."""
    async with db.write() as tx:
        if await tx.value("SELECT 1 FROM chats WHERE id = ?", (old_id,)) is None:
            return False
        # The new supergroup may already have an empty row from its first service message.
        await tx.execute("DELETE FROM chats WHERE id = ?", (new_id,))
        await tx.execute(
            "UPDATE chats SET id = ?, type = 'supergroup', active = 1, updated_at = ? WHERE id = ?",
            (new_id, utc_now_iso(), old_id),
        )
    return True


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
