"""The reminder outbox and the per-chat reminder and digest settings that feed it."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.meetings.models import Reminder
from bot.meetings.rules import PRIVATE_OFFSET, stored_offsets
from storage.database import Row, Session
from storage.timestamps import to_iso

# When a pending reminder is ready: its due time, or the retry time after a failed attempt
# (the expression of the `reminders_ready` index, so lookups stay indexed).
READY = "coalesce(next_attempt_at, due_at)"


def _reminder(row: Row) -> Reminder:
    return Reminder(
        id=row["id"],
        meeting_id=row["meeting_id"],
        chat_id=row["chat_id"],
        user_id=row["user_id"],
        offset=row["offset_min"],
        due_at=datetime.fromisoformat(row["due_at"]),
    )


# ---------------------------------------------------------------- planning


# ---------------------------------------------------------------- dispatching


# ---------------------------------------------------------------- settings


class SqliteReminders:
    """The reminders repository, over a transaction or the autocommit database."""

    def __init__(self, session: Session) -> None:
        self._s = session

    async def chat_offsets(self, chat_id: int) -> tuple[int, ...]:
        """The chat's reminder offsets in minutes (default 24 h and 1 h)."""
        text = await self._s.value(
            "SELECT reminder_offsets FROM meeting_chat_settings WHERE chat_id = ?", (chat_id,)
        )
        return stored_offsets(text)

    async def plan_chat(
        self, meeting_id: int, chat_id: int, starts_at: datetime, now: datetime
    ) -> int:
        """Insert the chat's reminders for a meeting that are still ahead; return how many."""
        planned = 0
        for offset in await self.chat_offsets(chat_id):
            due = starts_at - timedelta(minutes=offset)
            if due <= now:
                continue
            planned += await self._s.execute(
                """INSERT OR IGNORE INTO reminders
                       (meeting_id, chat_id, user_id, offset_min, due_at, created_at)
                   VALUES (?, ?, NULL, ?, ?, ?)""",
                (meeting_id, chat_id, offset, to_iso(due), to_iso(now)),
            )
        return planned

    async def plan_private(
        self, meeting_id: int, user_id: int, starts_at: datetime, now: datetime
    ) -> bool:
        """The private reminder of someone Going who asked for it (their chat must be known)."""
        due = starts_at - timedelta(minutes=PRIVATE_OFFSET)
        known = await self._s.value("SELECT 1 FROM chats WHERE id = ? AND active = 1", (user_id,))
        if due <= now or known is None:
            return False
        return (
            await self._s.execute(
                """INSERT OR IGNORE INTO reminders
                       (meeting_id, chat_id, user_id, offset_min, due_at, created_at)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                (meeting_id, user_id, user_id, PRIVATE_OFFSET, to_iso(due), to_iso(now)),
            )
            == 1
        )

    async def void_private(self, meeting_id: int, user_id: int, now: datetime) -> None:
        """Drop someone's unsent private reminder (they are no longer Going)."""
        await self._s.execute(
            """UPDATE reminders SET voided_at = ?, last_error = 'not going any more'
               WHERE meeting_id = ? AND user_id = ? AND sent_at IS NULL AND voided_at IS NULL""",
            (to_iso(now), meeting_id, user_id),
        )

    async def void_meeting(self, meeting_id: int, reason: str, now: datetime) -> int:
        """End every unsent reminder of a meeting (moved or cancelled)."""
        return await self._s.execute(
            """UPDATE reminders SET voided_at = ?, last_error = ?
               WHERE meeting_id = ? AND sent_at IS NULL AND voided_at IS NULL""",
            (to_iso(now), reason, meeting_id),
        )

    async def replan_chat(self, chat_id: int, now: datetime) -> int:
        """After the chat's offsets changed: void its unsent reminders, plan them anew."""
        async with self._s.atomic() as tx:
            await tx.execute(
                """UPDATE reminders SET voided_at = ?, last_error = 'offsets changed'
                   WHERE chat_id = ? AND user_id IS NULL AND sent_at IS NULL AND voided_at IS NULL
                     AND claimed_at IS NULL""",
                (to_iso(now), chat_id),
            )
            rows = await tx.all(
                """SELECT DISTINCT m.id, m.starts_at FROM meetings m
                   JOIN meeting_delegations md ON md.meeting_id = m.id
                   JOIN delegations d ON d.id = md.delegation_id
                   WHERE d.home_chat_id = ? AND m.status = 'scheduled' AND m.starts_at > ?""",
                (chat_id, to_iso(now)),
            )
            planned = 0
            for row in rows:
                starts = datetime.fromisoformat(row["starts_at"])
                planned += await SqliteReminders(tx).plan_chat(int(row["id"]), chat_id, starts, now)
        return planned

    async def next_due(self) -> datetime | None:
        """The earliest moment a pending reminder is ready (one indexed lookup, whatever the size).

        A reminder is ready at its due time, or after a failed attempt at `next_attempt_at`.
        """
        value = await self._s.value(
            f"""SELECT min({READY}) FROM reminders
                WHERE sent_at IS NULL AND voided_at IS NULL AND claimed_at IS NULL"""
        )
        return None if value is None else datetime.fromisoformat(value)

    async def due(self, now: datetime, limit: int, skip: set[int]) -> list[Reminder]:
        """A batch of unclaimed reminders ready by `now`, oldest first, leaving out `skip`."""
        rows = await self._s.all(
            f"""SELECT * FROM reminders
                WHERE sent_at IS NULL AND voided_at IS NULL AND claimed_at IS NULL
                  AND {READY} <= ?
                ORDER BY {READY}, id LIMIT ?""",
            (to_iso(now), limit + len(skip)),
        )
        return [_reminder(row) for row in rows if row["id"] not in skip][:limit]

    async def claim(self, reminder_id: int, now: datetime) -> bool:
        """Take a reminder for sending; False when another dispatcher (or an earlier run) has it."""
        async with self._s.atomic() as tx:
            changed = await tx.execute(
                """UPDATE reminders SET claimed_at = ?, attempts = attempts + 1
                   WHERE id = ? AND claimed_at IS NULL AND sent_at IS NULL AND voided_at IS NULL""",
                (to_iso(now), reminder_id),
            )
        return changed == 1

    async def mark_sent(self, reminder_id: int, now: datetime, delayed: bool) -> None:
        """The message went out."""
        async with self._s.atomic() as tx:
            await tx.execute(
                "UPDATE reminders SET sent_at = ?, delayed = ? WHERE id = ?",
                (to_iso(now), int(delayed), reminder_id),
            )

    async def void(self, reminder_id: int, now: datetime, reason: str) -> None:
        """The reminder will never be sent (logged by the caller); an earlier void is kept."""
        async with self._s.atomic() as tx:
            await tx.execute(
                """UPDATE reminders SET voided_at = coalesce(voided_at, ?), last_error = ?
                   WHERE id = ? AND sent_at IS NULL""",
                (to_iso(now), reason, reminder_id),
            )

    async def release(self, reminder_id: int, error: str, retry_at: datetime) -> bool:
        """A send failed for a passing reason: unclaim it, to be tried again at `retry_at`.

        A reminder voided meanwhile (the meeting moved or was cancelled while it was being sent)
        stays voided, and one marked sent stays sent. True when it is still pending.
        """
        async with self._s.atomic() as tx:
            await tx.execute(
                """UPDATE reminders SET claimed_at = NULL, last_error = ?, next_attempt_at = ?
                   WHERE id = ? AND sent_at IS NULL""",
                (error, to_iso(retry_at), reminder_id),
            )
            pending = await tx.value(
                "SELECT 1 FROM reminders WHERE id = ? AND sent_at IS NULL AND voided_at IS NULL",
                (reminder_id,),
            )
        return pending is not None

    async def release_stale_claims(self) -> int:
        """At start: claims left by a process that died mid-send are released, so none is lost."""
        async with self._s.atomic() as tx:
            return await tx.execute(
                """UPDATE reminders SET claimed_at = NULL, last_error = 'claim released at start'
                   WHERE claimed_at IS NOT NULL AND sent_at IS NULL AND voided_at IS NULL"""
            )

    async def set_offsets(self, chat_id: int, offsets: tuple[int, ...]) -> None:
        """Store the chat's reminder offsets."""
        async with self._s.atomic() as tx:
            await tx.execute(
                """INSERT INTO meeting_chat_settings (chat_id, reminder_offsets) VALUES (?, ?)
                   ON CONFLICT (chat_id)
                   DO UPDATE SET reminder_offsets = excluded.reminder_offsets""",
                (chat_id, ",".join(str(o) for o in offsets)),
            )

    async def get_offsets(self, chat_id: int) -> tuple[int, ...]:
        """The chat's reminder offsets."""
        async with self._s.reading() as tx:
            return await SqliteReminders(tx).chat_offsets(chat_id)

    async def set_digest(self, chat_id: int, setting: str) -> None:
        """Store 'off' or e.g. 'tue 10:00'."""
        async with self._s.atomic() as tx:
            await tx.execute(
                """INSERT INTO meeting_chat_settings (chat_id, digest) VALUES (?, ?)
                   ON CONFLICT (chat_id) DO UPDATE SET digest = excluded.digest""",
                (chat_id, setting),
            )

    async def get_digest(self, chat_id: int) -> str | None:
        """The stored digest setting (NULL: the default)."""
        value = await self._s.value(
            "SELECT digest FROM meeting_chat_settings WHERE chat_id = ?", (chat_id,)
        )
        return None if value is None else str(value)

    async def digest_chats(self) -> list[tuple[int, str | None, str | None]]:
        """(chat, digest setting, last slot sent) of every active home chat of a delegation."""
        rows = await self._s.all(
            """SELECT DISTINCT c.id, s.digest, s.digest_sent_for FROM chats c
               JOIN delegations d ON d.home_chat_id = c.id
               LEFT JOIN meeting_chat_settings s ON s.chat_id = c.id
               WHERE c.active = 1 ORDER BY c.id"""
        )
        return [(int(r[0]), r[1], r[2]) for r in rows]

    async def claim_digest(self, chat_id: int, slot: datetime) -> bool:
        """Take one weekly slot of a chat's digest; False if it was sent or taken already.

        The claim is kept across restarts: a process that died between posting and
        `digest_sent` may skip that week's digest, but never posts it twice.
        """
        async with self._s.atomic() as tx:
            await tx.execute(
                "INSERT OR IGNORE INTO meeting_chat_settings (chat_id) VALUES (?)", (chat_id,)
            )
            changed = await tx.execute(
                """UPDATE meeting_chat_settings SET digest_claimed_for = ?
                   WHERE chat_id = ? AND (digest_sent_for IS NULL OR digest_sent_for < ?)
                     AND (digest_claimed_for IS NULL OR digest_claimed_for < ?)""",
                (to_iso(slot), chat_id, to_iso(slot), to_iso(slot)),
            )
        return changed == 1

    async def digest_sent(self, chat_id: int, slot: datetime) -> None:
        """The slot's digest was posted."""
        async with self._s.atomic() as tx:
            await tx.execute(
                "UPDATE meeting_chat_settings SET digest_sent_for = ? WHERE chat_id = ?",
                (to_iso(slot), chat_id),
            )

    async def release_digest(self, chat_id: int, slot: datetime) -> None:
        """Posting the slot's digest failed: let a later sweep try it again (while it is fresh)."""
        async with self._s.atomic() as tx:
            await tx.execute(
                """UPDATE meeting_chat_settings SET digest_claimed_for = NULL
                   WHERE chat_id = ? AND digest_claimed_for = ?""",
                (chat_id, to_iso(slot)),
            )

    async def replan_delegation(self, delegation_id: int, now: datetime) -> list[int]:
        """A delegation's home chat changed: plan its upcoming meetings' reminders in the new chat,
        void unsent group reminders in chats that are no longer home to any participant.

        Returns the ids of the upcoming meetings concerned.
        """
        async with self._s.atomic() as tx:
            rows = await tx.all(
                """SELECT m.id, m.starts_at FROM meetings m
                   JOIN meeting_delegations md ON md.meeting_id = m.id
                   WHERE md.delegation_id = ? AND m.status = 'scheduled' AND m.starts_at > ?
                   ORDER BY m.starts_at, m.id""",
                (delegation_id, to_iso(now)),
            )
            for row in rows:
                meeting_id = int(row["id"])
                homes = await tx.all(
                    """SELECT DISTINCT d.home_chat_id FROM delegations d
                       JOIN meeting_delegations md ON md.delegation_id = d.id
                       JOIN chats c ON c.id = d.home_chat_id
                       WHERE md.meeting_id = ? AND c.active = 1""",
                    (meeting_id,),
                )
                chat_ids = [int(home[0]) for home in homes]
                marks = ",".join("?" for _ in chat_ids)
                elsewhere = f"chat_id NOT IN ({marks})" if chat_ids else "1"
                await tx.execute(
                    f"""UPDATE reminders SET voided_at = ?, last_error = 'home chat moved'
                        WHERE meeting_id = ? AND user_id IS NULL AND sent_at IS NULL
                          AND voided_at IS NULL AND {elsewhere}""",
                    (to_iso(now), meeting_id, *chat_ids),
                )
                starts = datetime.fromisoformat(row["starts_at"])
                for chat_id in chat_ids:
                    await SqliteReminders(tx).plan_chat(meeting_id, chat_id, starts, now)
        return [int(row["id"]) for row in rows]

    async def set_optin(self, user_id: int, enabled: bool, now: datetime) -> int:
        """Turn private reminders on or off; plans or voids them for current Going answers."""
        async with self._s.atomic() as tx:
            await tx.execute(
                """INSERT INTO reminder_optins (user_id, enabled, updated_at) VALUES (?, ?, ?)
                   ON CONFLICT (user_id) DO UPDATE SET enabled = excluded.enabled,
                       updated_at = excluded.updated_at""",
                (user_id, int(enabled), to_iso(now)),
            )
            rows = await tx.all(
                """SELECT m.id, m.starts_at FROM meetings m JOIN meeting_rsvps r
                       ON r.meeting_id = m.id
                   WHERE r.user_id = ? AND r.answer = 'going' AND m.status = 'scheduled'
                     AND m.starts_at > ?""",
                (user_id, to_iso(now)),
            )
            count = 0
            for row in rows:
                if enabled:
                    starts = datetime.fromisoformat(row["starts_at"])
                    count += await SqliteReminders(tx).plan_private(
                        int(row["id"]), user_id, starts, now
                    )
                else:
                    await SqliteReminders(tx).void_private(int(row["id"]), user_id, now)
        return count

    async def optin(self, user_id: int) -> bool:
        """Whether someone asked for private reminders."""
        value = await self._s.value(
            "SELECT enabled FROM reminder_optins WHERE user_id = ?", (user_id,)
        )
        return bool(value)

    async def attempts(self, reminder_id: int) -> int:
        """How many times a reminder was claimed for sending."""
        value = await self._s.value("SELECT attempts FROM reminders WHERE id = ?", (reminder_id,))
        return int(value or 0)
