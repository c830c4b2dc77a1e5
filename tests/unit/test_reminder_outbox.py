"""The outbox: 100,000 planned reminders cost one indexed lookup; a claim is taken once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from handlers.meetings.reminders import retry_delay
from storage import reminders
from storage.database import Database
from storage.migrations import migrate
from storage.timestamps import to_iso
from storage.unit_of_work import repositories

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
    assert await repositories(db).reminders.next_due() == NOW + timedelta(minutes=1)
    plan = await db.all(
        """EXPLAIN QUERY PLAN SELECT min(due_at) FROM reminders
           WHERE sent_at IS NULL AND voided_at IS NULL AND claimed_at IS NULL"""
    )
    assert any("reminders_pending" in str(tuple(row)) for row in plan)
    batch = await repositories(db).reminders.due(NOW + timedelta(minutes=3), 50, set())
    assert [r.offset for r in batch] == [1, 2, 3]


async def test_a_reminder_is_claimed_once(db: Database) -> None:
    async with db.write() as tx:
        await tx.execute(
            """INSERT INTO reminders (id, meeting_id, chat_id, offset_min, due_at, created_at)
               VALUES (1, 1, -1, 60, ?, ?)""",
            (to_iso(NOW), to_iso(NOW)),
        )
    assert await repositories(db).reminders.claim(1, NOW)
    assert not await repositories(db).reminders.claim(1, NOW)
    assert await repositories(db).reminders.next_due() is None
    assert await repositories(db).reminders.release_stale_claims() == 1  # the process died mid-send
    assert await repositories(db).reminders.claim(1, NOW)
    await repositories(db).reminders.mark_sent(1, NOW, delayed=False)
    assert await repositories(db).reminders.release_stale_claims() == 0
    assert not await repositories(db).reminders.claim(1, NOW)


async def _one_due(db: Database) -> None:
    async with db.write() as tx:
        await tx.execute(
            """INSERT INTO reminders (id, meeting_id, chat_id, offset_min, due_at, created_at)
               VALUES (1, 1, -1, 60, ?, ?)""",
            (to_iso(NOW), to_iso(NOW)),
        )


async def test_a_release_keeps_a_void_that_came_while_sending(db: Database) -> None:
    await _one_due(db)
    assert await repositories(db).reminders.claim(1, NOW)
    async with db.write() as tx:  # the meeting moved while the reminder was being sent
        assert await repositories(tx).reminders.void_meeting(1, "meeting moved", NOW) == 1
    assert not await repositories(db).reminders.release(1, "TimedOut", NOW + timedelta(minutes=1))
    [row] = await db.all("SELECT voided_at, last_error, claimed_at FROM reminders")
    assert row[0] == to_iso(NOW) and row[2] is None
    assert await repositories(db).reminders.next_due() is None
    assert await repositories(db).reminders.due(NOW + timedelta(days=1), 50, set()) == []


async def test_a_failed_send_waits_for_its_retry_time(db: Database) -> None:
    await _one_due(db)
    assert await repositories(db).reminders.claim(1, NOW)
    later = NOW + timedelta(seconds=30)
    assert await repositories(db).reminders.release(1, "flood limit", later)
    assert await repositories(db).reminders.next_due() == later
    assert await repositories(db).reminders.due(NOW + timedelta(seconds=29), 50, set()) == []
    [ready] = await repositories(db).reminders.due(later, 50, set())
    assert ready.id == 1 and ready.due_at == NOW  # still due at NOW: lateness is measured from it
    assert await repositories(db).reminders.attempts(1) == 1
    plan = await db.all(
        f"""EXPLAIN QUERY PLAN SELECT min({reminders.READY}) FROM reminders
            WHERE sent_at IS NULL AND voided_at IS NULL AND claimed_at IS NULL"""
    )
    assert any("reminders_ready" in str(tuple(row)) for row in plan)


def test_retries_back_off_and_honour_retry_after() -> None:
    delays = [retry_delay(attempt) for attempt in range(1, 8)]
    assert delays[:3] == [timedelta(seconds=30), timedelta(minutes=1), timedelta(minutes=2)]
    assert delays == sorted(delays) and delays[-1] == timedelta(minutes=15)
    assert retry_delay(1, timedelta(seconds=45)) == timedelta(seconds=45)
