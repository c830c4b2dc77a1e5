"""The migration stairway with data on it: every step keeps the rows written before it.

For each migration N a fresh database is migrated to N-1 with the real `migrate()`, every
table that exists there gets realistic rows, migration N is applied, and each row is read back
by its primary key and compared value by value (and type by type). A last test carries rows
from version 1 to the newest and reads them through the storage functions the bot uses.

When a migration adds a table, a column or a data fix, this file has to learn it: a table
without seed rows, a column the seeds do not name, or a column that appears without an entry
in ADDED_COLUMNS fails the stairway on purpose.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from bot.chats.models import ChatRecord, UserRecord
from bot.common.drafts import StoredDraft
from bot.delegations.models import Delegation, JoinRequest, Member, Outcome
from bot.meetings.models import Answer, Card, Meeting, Reminder
from bot.projects.models import Partner, Project
from storage.database import Database
from storage.migrations import Migration, discover, migrate, schema_version
from storage.unit_of_work import repositories

Value = str | int | None

MIGRATIONS = discover()
LATEST = MIGRATIONS[-1].version
NOW = datetime(2027, 7, 28, 12, 0, tzinfo=UTC)

# People: Telegram ids run past 2**32; a private chat has its person's id.
ANNA = 8_123_456_789
LI = 5_001_234_567
MIKKO = 300_111_222
ANONYMOUS_ADMIN = 1_087_968_824  # GroupAnonymousBot: acts for an admin, never a users row
ZPARK_CHAT = -1_001_234_567_890  # a supergroup
SKOLKOVO_GROUP = -4_012_345_678  # a basic group the bot was removed from
RU_TEXT = "Встреча переносится на четверг"
DRAFT_BODY = '{"open": [{"owner": 5001234567, "state": 0, "expires_at": null}], "forms": []}'


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Seed:
    """One row as the newest schema has it; older schemas get the columns they know."""

    table: str
    row: dict[str, Value]
    removed_by: int | None = None  # the migration meant to delete this row (a data fix)

    def valid_at(self, version: int) -> bool:
        """Whether this row may exist in a database at `version`."""
        return self.removed_by is None or version < self.removed_by


# Columns a migration adds to a table that existed before: (that migration, old rows' value).
ADDED_COLUMNS: dict[tuple[str, str], tuple[int, Value]] = {
    ("chats", "autotranslate"): (4, 0),
    ("reminders", "next_attempt_at"): (7, None),
    ("meeting_cards", "compact"): (7, 0),
    ("meeting_chat_settings", "digest_claimed_for"): (7, None),
}

# In foreign-key order: a row only points at rows listed above it.
SEEDS: tuple[Seed, ...] = (
    # 0001
    Seed(
        "users",
        {
            "id": ANNA,
            "first_name": "Анна",
            "username": "anna_k",
            "telegram_language": "ru",
            "language": "ru",
            "created_at": "2027-07-01T08:00:00+00:00",
            "updated_at": "2027-07-02T09:30:00+00:00",
        },
    ),
    Seed(
        "users",
        {
            "id": LI,
            "first_name": "李伟",
            "username": None,
            "telegram_language": "zh-hans",
            "language": None,
            "created_at": "2027-07-01T08:05:00+00:00",
            "updated_at": "2027-07-01T08:05:00+00:00",
        },
    ),
    Seed(
        "users",
        {
            "id": MIKKO,
            "first_name": "Mikko",
            "username": "mikko_v",
            "telegram_language": None,
            "language": "fi",
            "created_at": "2027-07-03T10:00:00+00:00",
            "updated_at": "2027-07-04T11:00:00+00:00",
        },
    ),
    Seed(
        "chats",
        {
            "id": ZPARK_CHAT,
            "type": "supergroup",
            "title": "Z-Park ✕ Сколково ✕ Helsinki",
            "timezone": "Asia/Shanghai",
            "languages": "zh,ru,fi",
            "active": 1,
            "autotranslate": 1,
            "created_at": "2027-07-01T08:10:00+00:00",
            "updated_at": "2027-07-05T07:00:00+00:00",
        },
    ),
    Seed(
        "chats",
        {
            "id": SKOLKOVO_GROUP,
            "type": "group",
            "title": "Технопарк Сколково",
            "timezone": None,
            "languages": "ru",
            "active": 0,
            "autotranslate": 0,
            "created_at": "2027-07-01T09:00:00+00:00",
            "updated_at": "2027-07-06T15:45:00+00:00",
        },
    ),
    Seed(
        "chats",
        {
            "id": ANNA,
            "type": "private",
            "title": "",
            "timezone": "Europe/Moscow",
            "languages": None,
            "active": 1,
            "autotranslate": 0,
            "created_at": "2027-07-01T08:00:00+00:00",
            "updated_at": "2027-07-01T08:00:00+00:00",
        },
    ),
    # 0002
    Seed(
        "delegations",
        {
            "id": 1,
            "name": "Z-Park Delegation",
            "name_key": "z-park delegation",
            "organisation": "Zhongguancun Science Park",
            "country": "CN",
            "city": "Beijing",
            "language": "zh",
            "timezone": "Asia/Shanghai",
            "interests": "ai,biotech",
            "description": "中关村科技园区代表团",
            "home_chat_id": ZPARK_CHAT,
            "created_by": LI,
            "created_at": "2027-07-01T08:20:00+00:00",
            "updated_at": "2027-07-01T08:20:00+00:00",
        },
    ),
    Seed(
        "delegations",
        {
            "id": 2,
            "name": "Технопарк Сколково",
            "name_key": "технопарк сколково",
            "organisation": "Фонд «Сколково»",
            "country": "RU",
            "city": "Москва",
            "language": "ru",
            "timezone": "Europe/Moscow",
            "interests": "",
            "description": "",
            "home_chat_id": SKOLKOVO_GROUP,
            "created_by": ANONYMOUS_ADMIN,
            "created_at": "2027-07-01T09:10:00+00:00",
            "updated_at": "2027-07-02T10:00:00+00:00",
        },
    ),
    Seed(
        "delegations",
        {
            "id": 3,
            "name": "Helsinki Science Park",
            "name_key": "helsinki science park",
            "organisation": "Helsinki Business Hub",
            "country": "FI",
            "city": "Helsinki",
            "language": "fi",
            "timezone": "Europe/Helsinki",
            "interests": "cleantech",
            "description": "Kaupunkien puhtaat ratkaisut",
            "home_chat_id": None,
            "created_by": MIKKO,
            "created_at": "2027-07-03T10:05:00+00:00",
            "updated_at": "2027-07-03T10:05:00+00:00",
        },
    ),
    Seed(
        "delegation_members",
        {
            "id": 1,
            "delegation_id": 1,
            "user_id": LI,
            "role": "head",
            "joined_at": "2027-07-01T08:20:00+00:00",
            "left_at": None,
        },
    ),
    Seed(
        "delegation_members",
        {
            "id": 2,
            "delegation_id": 2,
            "user_id": ANNA,
            "role": "head",
            "joined_at": "2027-07-01T09:12:00+00:00",
            "left_at": None,
        },
    ),
    Seed(
        "delegation_members",
        {
            "id": 3,
            "delegation_id": 1,
            "user_id": MIKKO,
            "role": "member",
            "joined_at": "2027-07-02T08:00:00+00:00",
            "left_at": "2027-07-03T09:00:00+00:00",
        },
    ),
    Seed(
        "delegation_members",
        {
            "id": 4,
            "delegation_id": 3,
            "user_id": MIKKO,
            "role": "head",
            "joined_at": "2027-07-03T10:05:00+00:00",
            "left_at": None,
        },
    ),
    Seed(
        "join_requests",
        {
            "id": 1,
            "delegation_id": 1,
            "user_id": ANNA,
            "asked_in_chat": ZPARK_CHAT,
            "status": "pending",
            "created_at": "2027-07-04T06:00:00+00:00",
            "decided_by": None,
            "decided_at": None,
        },
    ),
    Seed(
        "join_requests",
        {
            "id": 2,
            "delegation_id": 2,
            "user_id": LI,
            "asked_in_chat": None,
            "status": "declined",
            "created_at": "2027-07-02T06:00:00+00:00",
            "decided_by": ANNA,
            "decided_at": "2027-07-02T07:30:00+00:00",
        },
    ),
    Seed(
        "invites",
        {
            "token": "inv_Qw3rTy9Zx2Lp",
            "delegation_id": 2,
            "created_by": ANNA,
            "created_at": "2027-07-25T12:00:00+00:00",
            "expires_at": "2027-08-01T12:00:00+00:00",
        },
    ),
    Seed(
        "delegation_events",
        {
            "id": 1,
            "delegation_id": 1,
            "actor_id": LI,
            "action": "registered",
            "subject_id": None,
            "detail": "",
            "at": "2027-07-01T08:20:00+00:00",
        },
    ),
    Seed(
        "delegation_events",
        {
            "id": 2,
            "delegation_id": 1,
            "actor_id": MIKKO,
            "action": "left",
            "subject_id": MIKKO,
            "detail": "",
            "at": "2027-07-03T09:00:00+00:00",
        },
    ),
    Seed(
        "delegation_events",
        {
            "id": 3,
            "delegation_id": 2,
            "actor_id": ANONYMOUS_ADMIN,
            "action": "edited",
            "subject_id": None,
            "detail": "organisation",
            "at": "2027-07-02T10:00:00+00:00",
        },
    ),
    # 0003
    Seed(
        "translations",
        {
            "text_hash": _hash(RU_TEXT),
            "source": "ru",
            "target": "zh",
            "backend": "google",
            "text": RU_TEXT,
            "translation": "会议改到星期四",
            "created_at": "2027-07-05T07:01:00+00:00",
        },
    ),
    Seed(
        "translations",
        {
            "text_hash": _hash(RU_TEXT),
            "source": "ru",
            "target": "fi",
            "backend": "libre",
            "text": RU_TEXT,
            "translation": "Kokous siirtyy torstaille",
            "created_at": "2027-07-05T07:01:02+00:00",
        },
    ),
    # 0004
    Seed(
        "glossary",
        {
            "chat_id": ZPARK_CHAT,
            "term": "TusPark",
            "term_key": "tuspark",
            "added_by": LI,
            "added_at": "2027-07-05T06:00:00+00:00",
        },
    ),
    Seed(
        "glossary",
        {
            "chat_id": ZPARK_CHAT,
            "term": "Haidian",
            "term_key": "haidian",
            "added_by": ANONYMOUS_ADMIN,
            "added_at": "2027-07-05T06:01:00+00:00",
        },
    ),
    Seed(
        "translation_replies",
        {
            "chat_id": ZPARK_CHAT,
            "message_id": 4512,
            "reply_id": 4513,
            "created_at": "2027-07-05T07:01:03+00:00",
        },
    ),
    # 0005
    Seed(
        "projects",
        {
            "id": 1,
            "title": "Joint AI incubator",
            "summary": "A shared incubator for AI start-ups.\nСовместный инкубатор · 联合孵化器",
            "areas": "ai,biotech",
            "lead_id": 1,
            "stage": "discussion",
            "amount_minor": 150_000_000,
            "currency": "CNY",
            "target_date": "2028-03-31",
            "proposed_by": LI,
            "proposed_in": ZPARK_CHAT,
            "created_at": "2027-07-06T08:00:00+00:00",
            "updated_at": "2027-07-08T09:00:00+00:00",
        },
    ),
    Seed(
        "projects",
        {
            "id": 2,
            "title": "Arctic cleantech pilot",
            "summary": "Pilotti Oulussa",
            "areas": "",
            "lead_id": 3,
            "stage": "proposed",
            "amount_minor": None,
            "currency": None,
            "target_date": None,
            "proposed_by": MIKKO,
            "proposed_in": None,
            "created_at": "2027-07-07T08:00:00+00:00",
            "updated_at": "2027-07-07T08:00:00+00:00",
        },
    ),
    Seed(
        "project_partners",
        {
            "project_id": 1,
            "delegation_id": 2,
            "status": "accepted",
            "invited_at": "2027-07-06T08:00:00+00:00",
            "answered_by": ANNA,
            "answered_at": "2027-07-07T10:00:00+00:00",
        },
    ),
    Seed(
        "project_partners",
        {
            "project_id": 1,
            "delegation_id": 3,
            "status": "invited",
            "invited_at": "2027-07-06T08:00:00+00:00",
            "answered_by": None,
            "answered_at": None,
        },
    ),
    Seed(
        "project_partners",
        {
            "project_id": 2,
            "delegation_id": 1,
            "status": "declined",
            "invited_at": "2027-07-07T08:00:00+00:00",
            "answered_by": ANONYMOUS_ADMIN,
            "answered_at": "2027-07-07T12:00:00+00:00",
        },
    ),
    Seed(
        "project_supports",
        {"project_id": 1, "user_id": ANNA, "delegation_id": 2, "at": "2027-07-07T10:01:00+00:00"},
    ),
    Seed(
        "project_supports",
        {"project_id": 1, "user_id": MIKKO, "delegation_id": 3, "at": "2027-07-07T11:00:00+00:00"},
    ),
    Seed(
        "project_events",
        {
            "id": 1,
            "project_id": 1,
            "actor_id": LI,
            "action": "proposed",
            "delegation_id": None,
            "from_stage": None,
            "to_stage": "proposed",
            "reason": "",
            "at": "2027-07-06T08:00:00+00:00",
        },
    ),
    Seed(
        "project_events",
        {
            "id": 2,
            "project_id": 1,
            "actor_id": ANNA,
            "action": "accepted",
            "delegation_id": 2,
            "from_stage": None,
            "to_stage": None,
            "reason": "",
            "at": "2027-07-07T10:00:00+00:00",
        },
    ),
    Seed(
        "project_events",
        {
            "id": 3,
            "project_id": 1,
            "actor_id": ANONYMOUS_ADMIN,
            "action": "stage",
            "delegation_id": None,
            "from_stage": "proposed",
            "to_stage": "discussion",
            "reason": "Партнёры согласны",
            "at": "2027-07-08T09:00:00+00:00",
        },
    ),
    # 0006
    Seed(
        "meetings",
        {
            "id": 1,
            "title": "Kick-off: AI incubator",
            "starts_at": "2027-08-03T06:00:00+00:00",
            "duration_min": 90,
            "timezone": "Asia/Shanghai",
            "place": "https://meet.example.org/zpark-kickoff",
            "agenda": "1. Бюджет\n2. 时间表",
            "project_id": 1,
            "organiser_id": LI,
            "origin_chat_id": ZPARK_CHAT,
            "status": "scheduled",
            "sequence": 1,
            "cancel_reason": "",
            "created_at": "2027-07-20T08:00:00+00:00",
            "updated_at": "2027-07-21T08:00:00+00:00",
        },
    ),
    Seed(
        "meetings",
        {
            "id": 2,
            "title": "Визит в Сколково",
            "starts_at": "2027-08-10T07:00:00+00:00",
            "duration_min": 240,
            "timezone": "Europe/Moscow",
            "place": "Большой бульвар, 42",
            "agenda": "",
            "project_id": None,
            "organiser_id": ANNA,
            "origin_chat_id": None,
            "status": "cancelled",
            "sequence": 1,
            "cancel_reason": "Рейс отменён",
            "created_at": "2027-07-20T09:00:00+00:00",
            "updated_at": "2027-07-22T09:00:00+00:00",
        },
    ),
    Seed("meeting_delegations", {"meeting_id": 1, "delegation_id": 1}),
    Seed("meeting_delegations", {"meeting_id": 1, "delegation_id": 2}),
    Seed("meeting_delegations", {"meeting_id": 2, "delegation_id": 2}),
    Seed("meeting_delegations", {"meeting_id": 2, "delegation_id": 3}),
    Seed(
        "meeting_rsvps",
        {
            "meeting_id": 1,
            "user_id": ANNA,
            "delegation_id": 2,
            "answer": "going",
            "answered_at": "2027-07-21T09:00:00+00:00",
        },
    ),
    Seed(
        "meeting_rsvps",
        {
            "meeting_id": 1,
            "user_id": LI,
            "delegation_id": 1,
            "answer": "maybe",
            "answered_at": "2027-07-21T10:00:00+00:00",
        },
    ),
    Seed(
        "meeting_rsvps",
        {
            "meeting_id": 1,
            "user_id": MIKKO,
            "delegation_id": None,
            "answer": "no",
            "answered_at": "2027-07-21T11:00:00+00:00",
        },
    ),
    # Before 0007 a chat could keep the card of an earlier version beside the new one;
    # 0007 keeps only the newest card per meeting and chat.
    Seed(
        "meeting_cards",
        {"meeting_id": 1, "chat_id": ZPARK_CHAT, "message_id": 4600, "sequence": 0, "compact": 0},
        removed_by=7,
    ),
    Seed(
        "meeting_cards",
        {"meeting_id": 1, "chat_id": ZPARK_CHAT, "message_id": 4700, "sequence": 1, "compact": 1},
    ),
    Seed(
        "meeting_cards",
        {"meeting_id": 1, "chat_id": ANNA, "message_id": 120, "sequence": 1, "compact": 0},
    ),
    Seed(
        "reminders",
        {
            "id": 1,
            "meeting_id": 1,
            "chat_id": ZPARK_CHAT,
            "user_id": None,
            "offset_min": 1440,
            "due_at": "2027-08-02T06:00:00+00:00",
            "claimed_at": "2027-08-02T06:00:01+00:00",
            "sent_at": "2027-08-02T06:00:02+00:00",
            "voided_at": None,
            "delayed": 0,
            "attempts": 1,
            "last_error": None,
            "created_at": "2027-07-21T08:00:00+00:00",
            "next_attempt_at": None,
        },
    ),
    Seed(
        "reminders",
        {
            "id": 2,
            "meeting_id": 1,
            "chat_id": ZPARK_CHAT,
            "user_id": None,
            "offset_min": 60,
            "due_at": "2027-08-03T05:00:00+00:00",
            "claimed_at": None,
            "sent_at": None,
            "voided_at": None,
            "delayed": 0,
            "attempts": 0,
            "last_error": None,
            "created_at": "2027-07-21T08:00:00+00:00",
            "next_attempt_at": None,
        },
    ),
    Seed(
        "reminders",
        {
            "id": 3,
            "meeting_id": 1,
            "chat_id": ANNA,
            "user_id": ANNA,
            "offset_min": 60,
            "due_at": "2027-08-03T05:00:00+00:00",
            "claimed_at": None,
            "sent_at": None,
            "voided_at": None,
            "delayed": 0,
            "attempts": 2,
            "last_error": "flood limit: Flood control exceeded. Retry in 7 seconds",
            "created_at": "2027-07-21T09:00:00+00:00",
            "next_attempt_at": "2027-08-03T05:01:00+00:00",
        },
    ),
    Seed(
        "reminders",
        {
            "id": 4,
            "meeting_id": 2,
            "chat_id": SKOLKOVO_GROUP,
            "user_id": None,
            "offset_min": 1440,
            "due_at": "2027-08-09T07:00:00+00:00",
            "claimed_at": None,
            "sent_at": None,
            "voided_at": "2027-07-22T09:00:00+00:00",
            "delayed": 0,
            "attempts": 0,
            "last_error": "meeting cancelled",
            "created_at": "2027-07-20T09:00:00+00:00",
            "next_attempt_at": None,
        },
    ),
    Seed(
        "meeting_chat_settings",
        {
            "chat_id": ZPARK_CHAT,
            "reminder_offsets": "1440,60",
            "digest": "mon 09:00",
            "digest_sent_for": "2027-07-26T01:00:00+00:00",
            "digest_claimed_for": "2027-07-26T01:00:00+00:00",
        },
    ),
    Seed(
        "meeting_chat_settings",
        {
            "chat_id": SKOLKOVO_GROUP,
            "reminder_offsets": "",
            "digest": "off",
            "digest_sent_for": None,
            "digest_claimed_for": None,
        },
    ),
    Seed(
        "reminder_optins",
        {"user_id": ANNA, "enabled": 1, "updated_at": "2027-07-21T09:00:00+00:00"},
    ),
    Seed(
        "reminder_optins",
        {"user_id": MIKKO, "enabled": 0, "updated_at": "2027-07-21T11:00:00+00:00"},
    ),
    # 0008
    Seed(
        "dialogue_drafts",
        {
            "dialogue": "register",
            "chat_id": ZPARK_CHAT,
            "body": DRAFT_BODY,
            "updated_at": "2027-07-28T11:58:00+00:00",
        },
    ),
)


@dataclass(frozen=True)
class Written:
    """A seed row in the database, and the values it should read back with now."""

    seed: Seed
    expected: dict[str, Value]


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "stairway.db")
    await database.open()
    yield database
    await database.close()


async def _tables(db: Database) -> set[str]:
    rows = await db.all(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return {str(row[0]) for row in rows}


async def _columns(db: Database, table: str) -> list[str]:
    return [str(row["name"]) for row in await db.all(f"PRAGMA table_info({table})")]


async def _primary_key(db: Database, table: str) -> list[str]:
    info = [row for row in await db.all(f"PRAGMA table_info({table})") if row["pk"] > 0]
    return [str(row["name"]) for row in sorted(info, key=lambda row: row["pk"])]


async def _write_seeds(db: Database, tables: set[str]) -> list[Written]:
    """Insert the seed rows of `tables`, each with the columns the current schema has."""
    version = await schema_version(db)
    existing = await _tables(db)
    unseeded = existing - {seed.table for seed in SEEDS}
    assert not unseeded, f"tables at version {version} without seed rows here: {unseeded}"
    written = []
    for seed in SEEDS:
        if seed.table not in tables or not seed.valid_at(version):
            continue
        columns = await _columns(db, seed.table)
        unnamed = set(columns) - set(seed.row)
        assert not unnamed, f"seed row for {seed.table} does not name {unnamed}"
        row: dict[str, Value] = {}
        for column, value in seed.row.items():
            if column in columns:
                row[column] = value
                continue
            added = ADDED_COLUMNS.get((seed.table, column))
            assert added is not None and added[0] > version, (
                f"{seed.table}.{column} is neither in the schema at version {version} "
                "nor an ADDED_COLUMNS entry for a later migration"
            )
        names = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        async with db.write() as tx:
            await tx.execute(
                f"INSERT INTO {seed.table} ({names}) VALUES ({marks})", tuple(row.values())
            )
        written.append(Written(seed, row))
    assert {w.seed.table for w in written} == tables & existing
    return written


async def _apply(db: Database, migration: Migration, written: list[Written]) -> list[Written]:
    """Apply one migration; return the rows that should survive it, with their new values."""
    before = {table: await _columns(db, table) for table in await _tables(db)}
    assert await migrate(db, MIGRATIONS, target=migration.version) == migration.version
    assert await schema_version(db) == migration.version
    after = {table: await _columns(db, table) for table in await _tables(db)}
    for table, columns in before.items():
        assert table in after, f"{migration.path.name} dropped the table {table}"
        dropped = set(columns) - set(after[table])
        assert not dropped, f"{migration.path.name} dropped {table} columns {dropped}"
        for column in set(after[table]) - set(columns):
            added = ADDED_COLUMNS.get((table, column))
            assert added is not None and added[0] == migration.version, (
                f"{migration.path.name} adds {table}.{column}: give it an ADDED_COLUMNS entry "
                "with the value existing rows get"
            )
    surviving = []
    for item in written:
        if not item.seed.valid_at(migration.version):
            continue  # the data fix of this migration removes it (checked in _check)
        expected = dict(item.expected)
        for column in after[item.seed.table]:
            if column not in expected:
                expected[column] = ADDED_COLUMNS[(item.seed.table, column)][1]
        surviving.append(Written(item.seed, expected))
    return surviving


def _typed(row: dict[str, Value]) -> dict[str, tuple[str, Value]]:
    """Values with their Python type, so 1 and '1' (a changed column affinity) differ."""
    return {column: (type(value).__name__, value) for column, value in row.items()}


async def _check(db: Database, written: list[Written], removed: list[Seed]) -> None:
    """Every surviving row reads back with its values; removed rows and nothing else are gone."""
    for item in written:
        key = await _primary_key(db, item.seed.table)
        where = " AND ".join(f"{column} = ?" for column in key)
        rows = await db.all(
            f"SELECT * FROM {item.seed.table} WHERE {where}",
            tuple(item.seed.row[column] for column in key),
        )
        assert len(rows) == 1, (item.seed.table, item.seed.row)
        assert _typed(dict(rows[0])) == _typed(item.expected), item.seed.table
    for seed in removed:
        key = await _primary_key(db, seed.table)
        where = " AND ".join(f"{column} = ?" for column in key)
        found = await db.one(
            f"SELECT 1 FROM {seed.table} WHERE {where}", tuple(seed.row[c] for c in key)
        )
        assert found is None, f"{seed.table} row {seed.row} should be gone"
    for table in {item.seed.table for item in written} | {seed.table for seed in removed}:
        expected = sum(1 for item in written if item.seed.table == table)
        assert await db.value(f"SELECT count(*) FROM {table}") == expected, table
    assert await db.all("PRAGMA foreign_key_check") == []
    assert await db.value("PRAGMA integrity_check") == "ok"


def test_the_seeds_cover_the_newest_schema_exactly() -> None:
    """A guard on this file: every seed table and column exists in the newest schema."""
    conn = sqlite3.connect(":memory:")
    for migration in MIGRATIONS:
        conn.executescript(migration.sql)
    tables = {
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    assert {seed.table for seed in SEEDS} == tables
    for seed in SEEDS:
        columns = {row[1] for row in conn.execute(f"PRAGMA table_info({seed.table})")}
        assert set(seed.row) == columns, seed.table
    for (table, column), (version, _value) in ADDED_COLUMNS.items():
        assert column in {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        assert 1 < version <= LATEST
    conn.close()


@pytest.mark.parametrize("migration", MIGRATIONS[1:], ids=lambda m: m.path.stem)
async def test_each_step_keeps_the_rows_written_before_it(
    db: Database, migration: Migration
) -> None:
    previous = migration.version - 1
    assert await migrate(db, MIGRATIONS, target=previous) == previous
    assert await schema_version(db) == previous
    written = await _write_seeds(db, await _tables(db))
    assert written, f"nothing written at version {previous}"
    removed = [w.seed for w in written if not w.seed.valid_at(migration.version)]
    surviving = await _apply(db, migration, written)
    await _check(db, surviving, removed)


async def test_the_0007_data_fix_keeps_the_newest_card_per_chat(db: Database) -> None:
    """The one migration that deletes rows: the older card of a chat goes, the newer stays."""
    await migrate(db, MIGRATIONS, target=6)
    await _write_seeds(db, await _tables(db))
    await migrate(db, MIGRATIONS, target=7)
    rows = await db.all(
        "SELECT meeting_id, chat_id, message_id, sequence, compact FROM meeting_cards "
        "ORDER BY chat_id"
    )
    assert [tuple(row) for row in rows] == [(1, ZPARK_CHAT, 4700, 1, 0), (1, ANNA, 120, 1, 0)]


async def test_rows_carried_from_version_1_read_back_through_storage(db: Database) -> None:
    """Each table gets its rows at the version that creates it; at the newest version the
    storage functions read every one of them back."""
    written: list[Written] = []
    removed: list[Seed] = []
    for migration in MIGRATIONS:
        removed += [w.seed for w in written if not w.seed.valid_at(migration.version)]
        old_tables = await _tables(db)
        written = await _apply(db, migration, written)
        await _check(db, written, removed)
        written += await _write_seeds(db, await _tables(db) - old_tables)
        await _check(db, written, removed)
    assert await schema_version(db) == LATEST
    assert {w.seed.table for w in written} == await _tables(db)

    # 0001: people and chats (the chats were written before autotranslate existed).
    assert await repositories(db).users.get_user(ANNA) == UserRecord(
        ANNA, "Анна", "anna_k", "ru", "ru"
    )
    assert await repositories(db).users.get_user(LI) == UserRecord(
        LI, "李伟", None, "zh-hans", None
    )
    assert await repositories(db).chats.get_chat(ZPARK_CHAT) == ChatRecord(
        ZPARK_CHAT,
        "supergroup",
        "Z-Park ✕ Сколково ✕ Helsinki",
        "Asia/Shanghai",
        ("zh", "ru", "fi"),
        active=True,
        autotranslate=False,
    )
    assert await repositories(db).chats.get_chat(SKOLKOVO_GROUP) == ChatRecord(
        SKOLKOVO_GROUP, "group", "Технопарк Сколково", None, ("ru",), active=False
    )

    # 0002: delegations, members, requests, invitations.
    zpark = Delegation(
        1,
        "Z-Park Delegation",
        "Zhongguancun Science Park",
        "CN",
        "Beijing",
        "zh",
        "Asia/Shanghai",
        ("ai", "biotech"),
        "中关村科技园区代表团",
        ZPARK_CHAT,
        LI,
        "2027-07-01T08:20:00+00:00",
    )
    assert await repositories(db).delegations.by_id(1) == zpark
    assert await repositories(db).delegations.by_name("  z-park   DELEGATION ") == zpark
    skolkovo = await repositories(db).delegations.by_id(2)
    assert skolkovo is not None
    assert (skolkovo.name, skolkovo.interests, skolkovo.created_by) == (
        "Технопарк Сколково",
        (),
        ANONYMOUS_ADMIN,
    )
    assert await repositories(db).delegations.members(1) == [
        Member(LI, "李伟", None, "head", "2027-07-01T08:20:00+00:00")
    ]  # Mikko left: his row stays, he is no member
    helsinki = await repositories(db).delegations.by_id(3)
    assert helsinki is not None and helsinki.home_chat_id is None
    assert await repositories(db).delegations.of_user(MIKKO) == [(helsinki, "head")]
    assert await repositories(db).delegations.pending_requests(1) == [
        JoinRequest(1, 1, ANNA, ZPARK_CHAT, "pending")
    ]
    assert await repositories(db).delegations.join_request(2) == JoinRequest(
        2, 2, LI, None, "declined"
    )
    assert await repositories(db).delegations.of_chat(SKOLKOVO_GROUP) == [skolkovo]

    # 0003–0004: the translation cache, glossary and translation replies.
    assert await repositories(db).translations.lookup(RU_TEXT, "ru", "zh", ["libre", "google"]) == (
        "google",
        "会议改到星期四",
    )
    assert await repositories(db).translations.lookup(RU_TEXT, "ru", "fi", ["libre"]) == (
        "libre",
        "Kokous siirtyy torstaille",
    )
    assert await repositories(db).chat_translation.terms(ZPARK_CHAT) == ["Haidian", "TusPark"]
    assert await repositories(db).chat_translation.reply_for(ZPARK_CHAT, 4512) == 4513
    assert await repositories(db).chat_translation.automatic_terms() == sorted(
        [
            "Arctic cleantech pilot",
            "Helsinki Science Park",
            "Joint AI incubator",
            "Z-Park Delegation",
            "Технопарк Сколково",
        ]
    )

    # 0005: projects, partners, supporters, history.
    assert await repositories(db).projects.get(1) == Project(
        1,
        "Joint AI incubator",
        "A shared incubator for AI start-ups.\nСовместный инкубатор · 联合孵化器",
        ("ai", "biotech"),
        1,
        "discussion",
        Decimal("1500000.00"),
        "CNY",
        "2028-03-31",
        LI,
        "2027-07-06T08:00:00+00:00",
        "2027-07-08T09:00:00+00:00",
    )
    pilot = await repositories(db).projects.get(2)
    assert pilot is not None
    assert (pilot.amount, pilot.currency, pilot.target_date, pilot.areas) == (None, None, None, ())
    assert await repositories(db).projects.partners(1) == [
        Partner(
            2,
            "Технопарк Сколково",
            "RU",
            SKOLKOVO_GROUP,
            "accepted",
            ANNA,
            "2027-07-07T10:00:00+00:00",
        ),
        Partner(3, "Helsinki Science Park", "FI", None, "invited", None, None),
    ]
    assert await repositories(db).projects.supporters(1) == [
        ("Helsinki Science Park", 1),
        ("Технопарк Сколково", 1),
    ]
    assert await repositories(db).projects.has_supported(1, ANNA)
    history = await repositories(db).projects.events(1)
    assert [
        (e.id, e.actor_name, e.action, e.delegation_name, e.to_stage, e.reason) for e in history
    ] == [
        (1, "李伟", "proposed", None, "proposed", ""),
        (2, "Анна", "accepted", "Технопарк Сколково", None, ""),
        (3, None, "stage", None, "discussion", "Партнёры согласны"),
    ]

    # 0006–0007: meetings, answers, cards, the reminder outbox and chat settings.
    kickoff = await repositories(db).meetings.get(1)
    assert kickoff == Meeting(
        1,
        "Kick-off: AI incubator",
        datetime(2027, 8, 3, 6, 0, tzinfo=UTC),
        90,
        "Asia/Shanghai",
        "https://meet.example.org/zpark-kickoff",
        "1. Бюджет\n2. 时间表",
        1,
        LI,
        "scheduled",
        1,
        "",
        (1, 2),
    )
    visit = await repositories(db).meetings.get(2)
    assert visit is not None and visit.cancelled and visit.cancel_reason == "Рейс отменён"
    assert await repositories(db).meetings.upcoming([2, 3], NOW, None, 10) == [kickoff]
    assert await repositories(db).meetings.answers(1) == [
        Answer(ANNA, "Анна", 2, "going"),
        Answer(LI, "李伟", 1, "maybe"),
        Answer(MIKKO, "Mikko", None, "no"),
    ]
    assert await repositories(db).meetings.cards(1, 1) == [
        Card(ZPARK_CHAT, 4700, compact=False),
        Card(ANNA, 120, compact=False),
    ]
    assert await repositories(db).meetings.cards(1, 0) == []  # the older card went in 0007
    assert await repositories(db).reminders.next_due() == datetime(2027, 8, 3, 5, 0, tzinfo=UTC)
    due = await repositories(db).reminders.due(datetime(2027, 8, 4, tzinfo=UTC), 50, set())
    assert due == [
        Reminder(2, 1, ZPARK_CHAT, None, 60, datetime(2027, 8, 3, 5, 0, tzinfo=UTC)),
        Reminder(3, 1, ANNA, ANNA, 60, datetime(2027, 8, 3, 5, 0, tzinfo=UTC)),
    ]
    assert await repositories(db).reminders.attempts(3) == 2
    assert await repositories(db).reminders.get_offsets(ZPARK_CHAT) == (1440, 60)
    assert await repositories(db).reminders.get_offsets(SKOLKOVO_GROUP) == ()
    assert await repositories(db).reminders.get_digest(ZPARK_CHAT) == "mon 09:00"
    assert await repositories(db).reminders.get_digest(SKOLKOVO_GROUP) == "off"
    # Only the active home chat; Skolkovo's group closed to the bot, Helsinki has none.
    assert await repositories(db).reminders.digest_chats() == [
        (ZPARK_CHAT, "mon 09:00", "2027-07-26T01:00:00+00:00")
    ]
    async with db.read() as tx:
        assert await repositories(tx).reminders.optin(ANNA)
        assert not await repositories(tx).reminders.optin(MIKKO)

    # 0008: an open dialogue's draft.
    assert await repositories(db).drafts.every() == [
        StoredDraft("register", ZPARK_CHAT, DRAFT_BODY)
    ]

    # The invitation carried from 0002 still works (a write through the newest schema).
    assert await repositories(db).delegations.use_invite("inv_Qw3rTy9Zx2Lp", MIKKO, NOW) == (
        Outcome.OK,
        2,
    )
    assert await repositories(db).delegations.role_of(2, MIKKO) == "member"
