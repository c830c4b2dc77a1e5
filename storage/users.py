"""Users the bot has seen and the language each chose."""

from __future__ import annotations

from bot.chats.models import UserRecord
from storage.database import Row, Session
from storage.timestamps import utc_now_iso


def _memo(db: Session) -> dict[int, UserRecord]:
    return db.memo.setdefault("users", {})


def _record(row: Row) -> UserRecord:
    return UserRecord(
        id=row["id"],
        first_name=row["first_name"],
        username=row["username"],
        telegram_language=row["telegram_language"],
        language=row["language"],
    )


class SqliteUsers:
    """The users repository, over a transaction or the autocommit database."""

    def __init__(self, session: Session) -> None:
        self._s = session

    async def remember_user(
        self, user_id: int, first_name: str, username: str | None, telegram_language: str | None
    ) -> UserRecord:
        """Insert or refresh a user from an update; return what is stored (their choice too)."""
        known = await self.get_user(user_id)  # memoised: most updates come from known people
        if known is not None and (known.first_name, known.username, known.telegram_language) == (
            first_name,
            username,
            telegram_language,
        ):
            return known  # the common case: nothing to write
        now = utc_now_iso()
        async with self._s.atomic() as tx:
            await tx.execute(
                """INSERT INTO users
                       (id, first_name, username, telegram_language, created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT (id) DO UPDATE SET first_name = excluded.first_name,
                       username = excluded.username, telegram_language = excluded.telegram_language,
                       updated_at = excluded.updated_at
                   WHERE users.first_name IS NOT excluded.first_name
                      OR users.username IS NOT excluded.username
                      OR users.telegram_language IS NOT excluded.telegram_language""",
                (user_id, first_name, username, telegram_language, now, now),
            )
            row = await tx.one("SELECT * FROM users WHERE id = ?", (user_id,))
        assert row is not None
        record = _record(row)
        _memo(self._s)[user_id] = record
        return record

    async def get_user(self, user_id: int) -> UserRecord | None:
        """The stored user, if the bot has met them."""
        memo = _memo(self._s)
        if user_id in memo:
            return memo[user_id]
        row = await self._s.one("SELECT * FROM users WHERE id = ?", (user_id,))
        if row is None:
            return None
        memo[user_id] = record = _record(row)
        return record

    async def set_language(self, user_id: int, language: str) -> None:
        """Store a user's choice of the bot's language."""
        async with self._s.atomic() as tx:
            await tx.execute(
                "UPDATE users SET language = ?, updated_at = ? WHERE id = ?",
                (language, utc_now_iso(), user_id),
            )
        _memo(self._s).pop(user_id, None)  # after the commit: no read can memoise the old row later
