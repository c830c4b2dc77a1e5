"""Meeting services called directly against a migrated SQLite file, no Telegram."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.delegations.rules import DelegationDraft
from bot.meetings.rules import MeetingDraft
from bot.meetings.services import RsvpAnswer, RsvpRefusal, answer_rsvp
from storage.database import Database
from storage.migrations import migrate
from storage.unit_of_work import SqliteStore

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
MEMBER, OUTSIDER = 11, 12


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """A fresh migrated database with one delegation, its member and a meeting tomorrow."""
    database = Database(tmp_path / "t.db")
    await database.open()
    await migrate(database)
    yield database
    await database.close()


async def _meeting(store: SqliteStore, cancelled: bool = False) -> int:
    async with store.write() as uow:
        for user in (MEMBER, OUTSIDER):
            await uow.users.remember_user(user, f"U{user}", None, "en")
            await uow.chats.remember_chat(user, "private", f"U{user}")  # reminders go there
        draft = DelegationDraft("Polytech", "Org", "RU", "St. Petersburg", "ru", "Europe/Moscow")
        delegation = await uow.delegations.create(draft, MEMBER, MEMBER)
        meeting = MeetingDraft("Working group", NOW + timedelta(days=1), "Europe/Moscow")
        meeting.delegation_ids = [delegation]
        meeting_id = await uow.meetings.create(meeting, MEMBER, None, NOW)
        if cancelled:
            await uow.meetings.cancel(meeting_id, "no room", NOW)
    return meeting_id


def _rows(db: Database, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db.path) as conn:
        return conn.execute(sql).fetchall()


async def test_going_records_the_answer_and_plans_the_private_reminder(db: Database) -> None:
    store = SqliteStore(db)
    meeting = await _meeting(store)
    async with store.write() as uow:
        await uow.reminders.set_optin(MEMBER, True, NOW)
    outcome = await answer_rsvp(store, meeting, MEMBER, "going", NOW)
    assert outcome.answer is RsvpAnswer.GOING and outcome.refusal is None
    assert _rows(db, "SELECT user_id, answer FROM meeting_rsvps") == [(MEMBER, "going")]
    private = "SELECT count(*) FROM reminders WHERE user_id = 11 AND voided_at IS NULL"
    assert _rows(db, private)[0][0] > 0
    # Changing the answer to "no" voids the private reminder in the same step.
    assert (await answer_rsvp(store, meeting, MEMBER, "no", NOW)).answer is RsvpAnswer.NO
    assert _rows(db, private) == [(0,)]


@pytest.mark.parametrize(
    ("who", "answer", "cancelled", "refusal"),
    [
        (MEMBER, "perhaps", False, RsvpRefusal.UNKNOWN),  # not an answer the buttons carry
        (OUTSIDER, "going", False, RsvpRefusal.NOT_MEMBER),
        (MEMBER, "going", True, RsvpRefusal.CANCELLED),
    ],
)
async def test_refused_answers_change_nothing(
    db: Database, who: int, answer: str, cancelled: bool, refusal: RsvpRefusal
) -> None:
    store = SqliteStore(db)
    meeting = await _meeting(store, cancelled=cancelled)
    with sqlite3.connect(db.path) as conn:
        before = list(conn.iterdump())
    outcome = await answer_rsvp(store, meeting, who, answer, NOW)
    assert outcome.answer is None and outcome.refusal is refusal
    with sqlite3.connect(db.path) as conn:
        assert list(conn.iterdump()) == before


async def test_a_meeting_that_is_over_takes_no_answers(db: Database) -> None:
    store = SqliteStore(db)
    meeting = await _meeting(store)
    later = NOW + timedelta(days=2)
    assert (await answer_rsvp(store, meeting, MEMBER, "going", later)).refusal is RsvpRefusal.OVER
