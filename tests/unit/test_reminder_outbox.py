"""The outbox: 100,000 planned reminders cost one indexed lookup; a claim is taken once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage import reminders
from storage.database import Database
from storage.migrations import migrate
from storage.timestamps import to_iso

NOW = datetime(2027, 7, 26, 9, 0, tzinfo=UTC)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "outbox.db")
    await database.open()
    await migrate(database)
    async with database.write() as tx:
        await tx.execute(
            "INSERT INTO chats (id, type, created_at, updated_at) VALUES (-1, 'group', ?, ?)",
            (to_iso(NOW), to_iso(NOW)),
        )
        await tx.execute(
            """INSERT INTO meetings (id, title, starts_at, timezone, organiser_id, created_at,
                   updated_at) VALUES (1, 'M', ?, 'UTC', 1, ?, ?)""",
            (to_iso(NOW + timedelta(days=400)), to_iso(NOW), to_iso(NOW)),
        )
    yield database
    await database.close()


async def test_a_hundred_thousand_reminders_stay_in_the_database(db: Database) -> None:
    rows = [
        (1, -1, offset, to_iso(NOW + timedelta(minutes=offset)), to_iso(NOW))
        for offset in range(1, 100_001)
    ]
    await db.connection.executemany(
        """INSERT INTO reminders (meeting_id, chat_id, offset_min, due_at, created_at)
           VALUES (?, ?, ?, ?, ?)""",
        rows,
    )
    assert await reminders.next_due(db) == NOW + timedelta(minutes=1)
    plan = await db.all(
        """EXPLAIN QUERY PLAN SELECT min(due_at) FROM reminders
           WHERE sent_at IS NULL AND voided_at IS NULL AND claimed_at IS NULL"""
    )
    assert any("reminders_pending" in str(tuple(row)) for row in plan)
    batch = await reminders.due(db, NOW + timedelta(minutes=3), 50, set())
    assert [r.offset for r in batch] == [1, 2, 3]


async def test_a_reminder_is_claimed_once(db: Database) -> None:
    async with db.write() as tx:
        await tx.execute(
            """INSERT INTO reminders (id, meeting_id, chat_id, offset_min, due_at, created_at)
               VALUES (1, 1, -1, 60, ?, ?)""",
            (to_iso(NOW), to_iso(NOW)),
        )
    assert await reminders.claim(db, 1, NOW)
    assert not await reminders.claim(db, 1, NOW)
    assert await reminders.next_due(db) is None
    assert await reminders.release_stale_claims(db) == 1  # the process died mid-send
    assert await reminders.claim(db, 1, NOW)
    await reminders.mark_sent(db, 1, NOW, delayed=False)
    assert await reminders.release_stale_claims(db) == 0
    assert not await reminders.claim(db, 1, NOW)
