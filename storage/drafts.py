"""Open dialogues' drafts, one row per dialogue and chat."""

from __future__ import annotations

from bot.common.drafts import StoredDraft
from storage.database import Session
from storage.timestamps import utc_now_iso


class SqliteDrafts:
    """The drafts repository, over a transaction or the autocommit database."""

    def __init__(self, session: Session) -> None:
        self._s = session

    async def keep(self, draft: StoredDraft) -> None:
        """Store (or replace) a dialogue's drafts in a chat."""
        await self._s.execute(
            """INSERT INTO dialogue_drafts (dialogue, chat_id, body, updated_at)
               VALUES (?, ?, ?, ?)
               ON CONFLICT (dialogue, chat_id) DO UPDATE
               SET body = excluded.body, updated_at = excluded.updated_at""",
            (draft.dialogue, draft.chat_id, draft.body, utc_now_iso()),
        )

    async def forget(self, dialogue: str, chat_id: int) -> None:
        """Nothing of this dialogue is open in this chat any more."""
        await self._s.execute(
            "DELETE FROM dialogue_drafts WHERE dialogue = ? AND chat_id = ?", (dialogue, chat_id)
        )

    async def every(self) -> list[StoredDraft]:
        """Every open dialogue, to pick up after a restart."""
        rows = await self._s.all("SELECT dialogue, chat_id, body FROM dialogue_drafts")
        return [StoredDraft(row["dialogue"], row["chat_id"], row["body"]) for row in rows]
