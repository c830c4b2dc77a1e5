"""The outbox: many planned reminders cost indexed lookups only; a claim is taken once."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pytest

from handlers.meetings.reminders import retry_delay
from storage.database import Database
from storage.migrations import migrate
from storage.reminders import SqliteReminders
from storage.timestamps import to_iso
from storage.unit_of_work import repositories

NOW = datetime(2027, 7, 26, 9, 0, tzinfo=UTC)


def outbox(db: Database) -> SqliteReminders:
    """The reminder repository, each call its own transaction."""
    return repositories(db).reminders


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
    async with db.write():  # one transaction, not 100,000 commits
        await db.connection.executemany(
            """INSERT INTO reminders (meeting_id, chat_id, offset_min, due_at, created_at)
               VALUES (?, ?, ?, ?, ?)""",
            rows,
        )
    assert await repositories(db).reminders.next_due() == NOW + timedelta(minutes=1)
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


def test_retries_back_off_and_honour_retry_after() -> None:
    delays = [retry_delay(attempt) for attempt in range(1, 8)]
    assert delays[:3] == [timedelta(seconds=30), timedelta(minutes=1), timedelta(minutes=2)]
    assert delays == sorted(delays) and delays[-1] == timedelta(minutes=15)
    assert retry_delay(1, timedelta(seconds=45)) == timedelta(seconds=45)


# ---------------------------------------------------------------- the plans of the real queries

T = TypeVar("T")
CHATS = [-1_001_000_000_000 - n for n in range(10)]
MEETINGS = 1_000  # ten chats, two offsets each: 20,000 reminders
_TABLE = re.compile(
    r"\b(?:FROM|JOIN|UPDATE|INTO)\s+(\w+)"
    r"(?:\s+(?:AS\s+)?(?!(?:WHERE|ON|SET|JOIN|LEFT|INNER|CROSS|ORDER|GROUP|LIMIT|VALUES)\b)(\w+))?",
    re.IGNORECASE,
)
_STEP = re.compile(r"^(SCAN|SEARCH) (\w+)")


@pytest.fixture
async def crowded(tmp_path: Path) -> AsyncIterator[Database]:
    """20,000 reminders in every state (sent, voided, overdue, retrying, claimed, planned),
    ten home chats with their digest settings: the shape of a busy season."""
    database = Database(tmp_path / "crowded.db")
    await database.open()
    await migrate(database)
    stamp = to_iso(NOW - timedelta(days=60))
    chats = [(chat, "supergroup", f"Park {n}", stamp, stamp) for n, chat in enumerate(CHATS)]
    home = [
        (n + 1, f"Park {n}", f"park {n}", "Org", "CN", "Beijing", "zh", "Asia/Shanghai", chat)
        for n, chat in enumerate(CHATS)
    ]
    settings = [(chat, "1440,60", "mon 09:00") for chat in CHATS[::2]]
    meeting_rows = []
    reminder_rows: list[tuple[int | str | None, ...]] = []
    for meeting in range(1, MEETINGS + 1):
        starts = NOW + timedelta(hours=meeting - 100)  # a hundred hours of them are past
        meeting_rows.append((meeting, f"Meeting {meeting}", to_iso(starts), stamp, stamp))
        for chat in CHATS:
            for offset in (1440, 60):
                due_at = starts - timedelta(minutes=offset)
                n = len(reminder_rows)
                claimed = sent = voided = retry = None
                tries = 0
                if due_at < NOW - timedelta(hours=12):
                    claimed = sent = to_iso(due_at)
                    tries = 1
                    if n % 13 == 0:
                        claimed = sent = None
                        voided = to_iso(due_at)
                elif due_at <= NOW and n % 3 == 0:
                    retry, tries = to_iso(NOW + timedelta(minutes=1)), 1
                elif n % 17 == 0:
                    voided = stamp
                elif n == 19_999:
                    claimed, tries = to_iso(NOW - timedelta(hours=1)), 1  # a dead run's claim
                reminder_rows.append(
                    (
                        meeting,
                        chat,
                        offset,
                        to_iso(due_at),
                        claimed,
                        sent,
                        voided,
                        tries,
                        retry,
                        stamp,
                    )
                )
    assert len(reminder_rows) == 20_000
    async with database.write():
        conn = database.connection
        await conn.executemany(
            "INSERT INTO chats (id, type, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            chats,
        )
        await conn.executemany(
            f"""INSERT INTO delegations (id, name, name_key, organisation, country, city,
                   language, timezone, home_chat_id, created_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, '{stamp}', '{stamp}')""",
            home,
        )
        await conn.executemany(
            """INSERT INTO meeting_chat_settings (chat_id, reminder_offsets, digest)
               VALUES (?, ?, ?)""",
            settings,
        )
        await conn.executemany(
            """INSERT INTO meetings (id, title, starts_at, timezone, organiser_id, created_at,
                   updated_at) VALUES (?, ?, ?, 'Asia/Shanghai', 1, ?, ?)""",
            meeting_rows,
        )
        await conn.executemany(
            """INSERT INTO reminders (meeting_id, chat_id, offset_min, due_at, claimed_at,
                   sent_at, voided_at, attempts, next_attempt_at, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            reminder_rows,
        )
    yield database
    await database.close()


async def _traced(db: Database, call: Callable[[], Awaitable[T]]) -> tuple[T, list[str]]:
    """Run one storage call; return its result and the statements it ran (values filled in)."""
    seen: list[str] = []
    await db.connection.set_trace_callback(seen.append)
    try:
        result = await call()
    finally:
        # None turns tracing off (sqlite3 takes it; aiosqlite's annotation leaves it out).
        await db.connection.set_trace_callback(None)  # type: ignore[arg-type]
    data = ("SELECT", "UPDATE", "DELETE", "INSERT", "REPLACE", "WITH")
    return result, [sql for sql in seen if sql.lstrip().upper().startswith(data)]


async def _problems(db: Database, sql: str) -> list[str]:
    """What is wrong with one statement's plan: a scan of the outbox or of the chat settings,
    or a lookup in them that uses no index at all."""
    tables: dict[str, str] = {}
    for table, alias in _TABLE.findall(sql):
        tables[table] = table
        if alias:
            tables[alias] = table
    steps = []
    for row in await db.all("EXPLAIN QUERY PLAN " + sql):
        detail = str(row["detail"])
        match = _STEP.match(detail)
        if match:
            steps.append((match.group(1), tables.get(match.group(2), match.group(2)), detail))
    problems = [
        detail
        for kind, table, detail in steps
        if kind == "SCAN" and table in ("reminders", "meeting_chat_settings")
    ]
    reads = sql.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE", "WITH"))
    for table in {"reminders", "meeting_chat_settings"} & set(tables.values()):
        if reads and not any(kind == "SEARCH" and t == table for kind, t, _ in steps):
            problems.append(f"no indexed SEARCH of {table}: {steps}")
    return [f"{' '.join(sql.split())}\n    {problem}" for problem in problems]


async def test_the_checker_sees_a_scan_of_the_outbox(crowded: Database) -> None:
    """The plan check can fail: an unindexed lookup, aliased or not, is reported."""
    assert await _problems(crowded, "SELECT * FROM reminders WHERE last_error = 'x'")
    assert await _problems(crowded, "SELECT r.id FROM reminders r WHERE r.attempts > 3")
    assert await _problems(crowded, "UPDATE reminders SET attempts = 0 WHERE delayed = 1")
    assert await _problems(crowded, "SELECT 1 FROM reminders WHERE id = 7") == []


async def test_the_dispatcher_queries_use_indexes_only(crowded: Database) -> None:
    """Every statement of a dispatcher tick and a digest sweep, as the code runs it."""
    db = crowded
    ran: dict[str, list[str]] = {}

    async def traced(name: str, call: Callable[[], Awaitable[T]]) -> T:
        result, statements = await _traced(db, call)
        assert statements, f"{name} ran no statement"
        ran.setdefault(name, []).extend(statements)
        return result

    # The timer: the next moment a reminder is ready (an overdue one here).
    upcoming = await traced("next_due", lambda: repositories(db).reminders.next_due())
    assert upcoming is not None and upcoming <= NOW
    # A batch, claimed and sent, voided, or released for a retry.
    batch = await traced("due", lambda: repositories(db).reminders.due(NOW, 50, set()))
    assert len(batch) == 50 and all(r.due_at <= NOW for r in batch)
    assert batch == sorted(batch, key=lambda r: (r.due_at, r.id))
    first, second, third = batch[:3]
    assert await traced("claim", lambda: repositories(db).reminders.claim(first.id, NOW))
    assert not await traced("claim", lambda: repositories(db).reminders.claim(first.id, NOW))
    assert await traced("attempts", lambda: repositories(db).reminders.attempts(first.id)) == 1
    retry_at = NOW + timedelta(seconds=30)
    assert await traced(
        "release", lambda: repositories(db).reminders.release(first.id, "flood limit", retry_at)
    )
    assert await traced("claim", lambda: repositories(db).reminders.claim(second.id, NOW))
    await traced(
        "mark_sent", lambda: repositories(db).reminders.mark_sent(second.id, NOW, delayed=True)
    )
    assert await traced("claim", lambda: repositories(db).reminders.claim(third.id, NOW))
    await traced(
        "void", lambda: repositories(db).reminders.void(third.id, NOW, "meeting cancelled")
    )
    tried = {first.id, second.id, third.id}
    rest = await traced("due", lambda: repositories(db).reminders.due(NOW, 50, tried))
    assert len(rest) == 50 and not tried & {r.id for r in rest}
    # The sweep's weekly digests: the home chats, then one slot claimed, released, sent.
    homes = await traced("digest_chats", lambda: repositories(db).reminders.digest_chats())
    assert [chat for chat, _, _ in homes] == sorted(CHATS)
    chat, slot = CHATS[0], NOW - timedelta(hours=1)
    assert await traced("claim_digest", lambda: repositories(db).reminders.claim_digest(chat, slot))
    assert not await traced(
        "claim_digest", lambda: repositories(db).reminders.claim_digest(chat, slot)
    )
    await traced("release_digest", lambda: repositories(db).reminders.release_digest(chat, slot))
    assert await traced("claim_digest", lambda: repositories(db).reminders.claim_digest(chat, slot))
    await traced("digest_sent", lambda: repositories(db).reminders.digest_sent(chat, slot))
    assert not await traced(
        "claim_digest", lambda: repositories(db).reminders.claim_digest(chat, slot)
    )

    problems = []
    for name, statements in ran.items():
        for sql in statements:
            assert "?" not in sql, f"{name}: the trace should give the values: {sql}"
            problems += [f"{name}: {problem}" for problem in await _problems(db, sql)]
    assert problems == []
    touched = " ".join(sql for statements in ran.values() for sql in statements)
    assert "FROM reminders" in touched and "UPDATE meeting_chat_settings" in touched


async def test_the_start_up_release_reads_pending_rows_only(crowded: Database) -> None:
    """At start the claims of a dead run are released: the one statement walks the pending
    rows' partial index (not the whole outbox, most of which is sent or voided)."""
    released, statements = await _traced(
        crowded, lambda: repositories(crowded).reminders.release_stale_claims()
    )
    assert released == 1
    [sql] = statements
    pending = {
        str(row[0])
        for row in await crowded.all(
            """SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'reminders'
               AND sql LIKE '%WHERE sent_at IS NULL AND voided_at IS NULL'"""
        )
    }
    assert pending  # reminders_pending and reminders_ready
    plan = [str(row["detail"]) for row in await crowded.all("EXPLAIN QUERY PLAN " + sql)]
    steps = [detail for detail in plan if _STEP.match(detail)]
    assert steps and all(
        any(detail.endswith(f"USING INDEX {index}") for index in pending) for detail in steps
    ), plan
