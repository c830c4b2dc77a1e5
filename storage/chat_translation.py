"""Per-chat translation state: the on/off switch, the glossary, and translation replies."""

from __future__ import annotations

from storage import chats
from storage.database import Session
from storage.timestamps import utc_now_iso


def forget_terms(db: Session) -> None:
    """Drop the memoised glossaries after a change (a term, a delegation or project name)."""
    db.memo.pop("glossary", None)


class SqliteChatTranslation:
    """The chat translation repository, over a transaction or the autocommit database."""

    def __init__(self, session: Session) -> None:
        self._s = session

    async def set_autotranslate(self, chat_id: int, on: bool) -> None:
        """Turn auto-translation on or off for a chat."""
        async with self._s.atomic() as tx:
            await tx.execute(
                "UPDATE chats SET autotranslate = ?, updated_at = ? WHERE id = ?",
                (int(on), utc_now_iso(), chat_id),
            )
        chats.forget(self._s, chat_id)

    async def add_term(self, chat_id: int, term: str, actor: int) -> bool:
        """Keep a term as written; False if the chat already has it (ignoring case)."""
        async with self._s.atomic() as tx:
            changed = await tx.execute(
                """INSERT INTO glossary (chat_id, term, term_key, added_by, added_at)
                   VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                (chat_id, term, term.casefold(), actor, utc_now_iso()),
            )
        forget_terms(self._s)
        return changed > 0

    async def remove_term(self, chat_id: int, term: str) -> bool:
        """Forget a term; False if the chat did not have it."""
        async with self._s.atomic() as tx:
            changed = await tx.execute(
                "DELETE FROM glossary WHERE chat_id = ? AND term_key = ?",
                (chat_id, term.casefold()),
            )
        forget_terms(self._s)
        return changed > 0

    async def terms(self, chat_id: int) -> list[str]:
        """The chat's own glossary, alphabetically (memoised: every translated message asks)."""
        memo = self._s.memo.setdefault("glossary", {})
        if chat_id not in memo:
            rows = await self._s.all(
                "SELECT term FROM glossary WHERE chat_id = ? ORDER BY term_key", (chat_id,)
            )
            memo[chat_id] = [row["term"] for row in rows]
        return list(memo[chat_id])

    async def automatic_terms(self) -> list[str]:
        """Names every chat keeps as written: the delegations' names and the projects' titles."""
        memo = self._s.memo.setdefault("glossary", {})
        if "automatic" not in memo:
            rows = await self._s.all(
                "SELECT name FROM delegations UNION SELECT title FROM projects ORDER BY 1"
            )
            memo["automatic"] = [row[0] for row in rows]
        return list(memo["automatic"])

    async def remember_reply(self, chat_id: int, message_id: int, reply_id: int) -> None:
        """Note which bot message carries the translations of a message."""
        async with self._s.atomic() as tx:
            await tx.execute(
                """INSERT INTO translation_replies (chat_id, message_id, reply_id, created_at)
                   VALUES (?, ?, ?, ?)
                   ON CONFLICT (chat_id, message_id) DO UPDATE SET reply_id = excluded.reply_id""",
                (chat_id, message_id, reply_id, utc_now_iso()),
            )

    async def reply_for(self, chat_id: int, message_id: int) -> int | None:
        """The bot message holding a message's translations, if any."""
        value = await self._s.value(
            "SELECT reply_id FROM translation_replies WHERE chat_id = ? AND message_id = ?",
            (chat_id, message_id),
        )
        return None if value is None else int(value)
