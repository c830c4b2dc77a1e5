"""Delegation services called directly against a migrated SQLite file, no Telegram."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.common.caller import Caller
from bot.delegations.models import Delegation, Outcome
from bot.delegations.policy import Refusal
from bot.delegations.rules import DelegationDraft
from bot.delegations.services import (
    create_invite,
    delegation_members,
    join_by_invite,
    leave_delegation,
    register_delegation,
)
from storage.database import Database
from storage.migrations import migrate
from storage.unit_of_work import SqliteStore

NOW = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SqliteStore]:
    """A fresh migrated database."""
    db = Database(tmp_path / "t.db")
    await db.open()
    await migrate(db)
    yield SqliteStore(db)
    await db.close()


async def _no() -> bool:
    return False


def _caller(user_id: int) -> Caller:
    return Caller(user_id=user_id, chat_id=None, configured=False, chat_admin=_no)


async def _register(store: SqliteStore, head: int = 1) -> Delegation:
    async with store.write() as uow:
        await uow.users.remember_user(head, "Ann", None, None)
    draft = DelegationDraft("Alpha Park", "Org", "CN", "Beijing", "en", "Asia/Shanghai", [], "")
    made = await register_delegation(store, draft, head, head, None)
    assert isinstance(made, Delegation)
    return made


async def test_duplicate_name_is_refused(store: SqliteStore) -> None:
    await _register(store)
    draft = DelegationDraft(" alpha  park", "Org", "CN", "X", "en", "UTC", [], "")
    assert await register_delegation(store, draft, 1, 1, None) is Refusal.DUPLICATE_NAME


async def test_last_head_cannot_leave(store: SqliteStore) -> None:
    found = await _register(store)
    assert await leave_delegation(store, found.id, 1) is Outcome.LAST_HEAD
    assert [m.user_id for m in await delegation_members(store, found.id)] == [1]


async def test_non_head_cannot_invite_and_invite_joins(store: SqliteStore) -> None:
    found = await _register(store)
    assert await create_invite(store, found, _caller(2), NOW) is Refusal.NOT_MANAGER
    invite = await create_invite(store, found, _caller(1), NOW)
    assert not isinstance(invite, Refusal)
    async with store.write() as uow:
        await uow.users.remember_user(2, "Bob", None, None)
    joined = await join_by_invite(store, invite.token, 2, NOW)
    assert joined.outcome is Outcome.OK
    late = await join_by_invite(store, invite.token, 3, invite.expires.replace(year=2030))
    assert late.outcome is Outcome.EXPIRED
