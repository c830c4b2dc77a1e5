"""The projects services against a real migrated SQLite file, with no Telegram in sight."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.common.caller import Caller
from bot.delegations.rules import DelegationDraft
from bot.projects.models import Refusal
from bot.projects.rules import ProjectDraft
from bot.projects.services import (
    answer_invitation,
    check_move,
    find_project,
    may_coordinate,
    move_stage,
    support_project,
)
from storage.database import Database
from storage.migrations import migrate
from storage.unit_of_work import SqliteStore

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LI, OLGA, OTTO, CORA = 101, 102, 103, 104
ZPARK_CHAT, POLY_CHAT, OTHER_CHAT = -1001, -1002, -1003


@dataclass
class World:
    """A store with two delegations (Z-Park led by Li, Polytech headed by Olga) and a project."""

    store: SqliteStore
    zpark: int
    poly: int
    project: int


def who(
    user_id: int, chat_id: int | None = None, *, configured: bool = False, admin: bool = False
) -> Caller:
    """A caller; `admin` is what Telegram would say about the chat they act in."""

    async def is_admin() -> bool:
        return admin

    return Caller(user_id=user_id, chat_id=chat_id, configured=configured, chat_admin=is_admin)


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    db = Database(tmp_path / "t.db")
    await db.open()
    await migrate(db)
    store = SqliteStore(db)
    async with store.write() as uow:
        for user_id, name in ((LI, "Li"), (OLGA, "Olga"), (OTTO, "Otto"), (CORA, "Cora")):
            await uow.users.remember_user(user_id, name, None, "en")
        ids = []
        for name, head, chat in (("Z-Park", LI, ZPARK_CHAT), ("Polytech", OLGA, POLY_CHAT)):
            await uow.chats.remember_chat(chat, "supergroup", f"{name} team")
            draft = DelegationDraft(
                name=name,
                organisation=f"{name} park",
                country="CN",
                city="City",
                language="en",
                timezone="Asia/Shanghai",
                interests=["space"],
            )
            delegation = await uow.delegations.create(draft, head, head)
            await uow.delegations.link_chat(delegation, chat, head)
            ids.append(delegation)
        project = await uow.projects.create(
            ProjectDraft(
                title="Orbit", summary="S", areas=["space"], lead_id=ids[0], partner_ids=[ids[1]]
            ),
            LI,
            None,
            NOW,
        )
    yield World(store, ids[0], ids[1], project)
    await db.close()


async def _stage(world: World) -> str:
    found = await find_project(world.store, world.project)
    assert found is not None
    return found.stage


async def _history(world: World) -> int:
    async with world.store.read() as uow:
        return len(await uow.projects.events(world.project))


async def test_find_project_missing_is_none(world: World) -> None:
    assert await find_project(world.store, 999) is None


async def test_configured_coordinator_moves_and_notifies_involved_chats(world: World) -> None:
    project = await find_project(world.store, world.project)
    assert project is not None
    moved = await move_stage(
        world.store, project, "discussion", "", who(CORA, configured=True), NOW
    )
    assert moved.refusal is None
    assert moved.previous == "proposed"
    assert moved.project.stage == "discussion"
    assert moved.notify == [ZPARK_CHAT, POLY_CHAT]
    assert await _stage(world) == "discussion"


async def test_illegal_move_is_refused_and_changes_nothing(world: World) -> None:
    project = await find_project(world.store, world.project)
    assert project is not None
    before = await _history(world)
    moved = await move_stage(world.store, project, "funded", "", who(CORA, configured=True), NOW)
    assert moved.refusal is Refusal.ILLEGAL_MOVE
    assert await _stage(world) == "proposed"
    assert await _history(world) == before


async def test_lead_chat_admin_may_move_only_in_the_home_chat(world: World) -> None:
    project = await find_project(world.store, world.project)
    assert project is not None
    elsewhere = await check_move(
        world.store, project, "discussion", who(OTTO, OTHER_CHAT, admin=True)
    )
    assert elsewhere.refusal is Refusal.NOT_COORDINATOR
    at_home = await check_move(
        world.store, project, "discussion", who(OTTO, ZPARK_CHAT, admin=True)
    )
    assert at_home.refusal is None
    assert await may_coordinate(world.store, project, who(OTTO, ZPARK_CHAT, admin=True))


async def test_invited_partner_admin_may_not_move_until_accepted(world: World) -> None:
    project = await find_project(world.store, world.project)
    assert project is not None
    before = await _history(world)
    admin = who(OTTO, POLY_CHAT, admin=True)
    moved = await move_stage(world.store, project, "discussion", "", admin, NOW)
    assert moved.refusal is Refusal.NOT_COORDINATOR
    assert await _stage(world) == "proposed"
    assert await _history(world) == before
    accepted = await answer_invitation(world.store, world.project, world.poly, True, who(OLGA), NOW)
    assert accepted.refusal is None
    assert (await check_move(world.store, project, "discussion", admin)).refusal is None


async def test_withdraw_is_the_proposers_or_lead_heads(world: World) -> None:
    project = await find_project(world.store, world.project)
    assert project is not None
    refused = await move_stage(world.store, project, "withdrawn", "", who(OLGA), NOW)
    assert refused.refusal is Refusal.NOT_WITHDRAWER
    assert refused.lead is not None and refused.lead.name == "Z-Park"
    assert await _stage(world) == "proposed"
    done = await move_stage(world.store, project, "withdrawn", "", who(LI), NOW)
    assert done.refusal is None
    assert await _stage(world) == "withdrawn"


async def test_rejection_needs_a_reason(world: World) -> None:
    project = await find_project(world.store, world.project)
    assert project is not None
    cora = who(CORA, configured=True)
    refused = await move_stage(world.store, project, "rejected", "   ", cora, NOW)
    assert refused.refusal is Refusal.NO_REASON
    assert await _stage(world) == "proposed"
    done = await move_stage(world.store, project, "rejected", "  No budget ", cora, NOW)
    assert done.refusal is None and done.reason == "No budget"
    assert await _stage(world) == "rejected"


async def test_answer_by_outsider_is_refused_and_changes_nothing(world: World) -> None:
    outcome = await answer_invitation(world.store, world.project, world.poly, True, who(OTTO), NOW)
    assert outcome.refusal is Refusal.NOT_PARTNER_AUTHORITY
    async with world.store.read() as uow:
        partners = await uow.projects.partners(world.project)
    assert [p.status for p in partners] == ["invited"]


async def test_answer_once_then_already_answered(world: World) -> None:
    first = await answer_invitation(world.store, world.project, world.poly, False, who(OLGA), NOW)
    assert first.refusal is None and first.lead_home == ZPARK_CHAT
    second = await answer_invitation(world.store, world.project, world.poly, True, who(OLGA), NOW)
    assert second.refusal is Refusal.ALREADY_ANSWERED
    async with world.store.read() as uow:
        partners = await uow.projects.partners(world.project)
    assert [p.status for p in partners] == ["declined"]


async def test_answer_for_no_invitation(world: World) -> None:
    none = await answer_invitation(world.store, world.project, world.zpark, True, who(LI), NOW)
    assert none.project is not None and none.partner is None
    assert (
        await answer_invitation(world.store, 999, world.poly, True, who(OLGA), NOW)
    ).project is None


async def test_answer_on_a_closed_project_is_refused(world: World) -> None:
    project = await find_project(world.store, world.project)
    assert project is not None
    await move_stage(world.store, project, "withdrawn", "", who(LI), NOW)
    outcome = await answer_invitation(world.store, world.project, world.poly, True, who(OLGA), NOW)
    assert outcome.refusal is Refusal.CLOSED


async def test_support_once_per_member(world: World) -> None:
    project = await find_project(world.store, world.project)
    assert project is not None
    first = await support_project(world.store, project, OLGA, POLY_CHAT, NOW)
    assert first.refusal is None and first.total == 1
    again = await support_project(world.store, project, OLGA, POLY_CHAT, NOW)
    assert again.refusal is Refusal.ALREADY_SUPPORTED
    async with world.store.read() as uow:
        assert await uow.projects.supporters(world.project) == [("Polytech", 1)]


async def test_support_by_a_non_member_is_refused_and_changes_nothing(world: World) -> None:
    project = await find_project(world.store, world.project)
    assert project is not None
    outcome = await support_project(world.store, project, OTTO, None, NOW)
    assert outcome.refusal is Refusal.NOT_MEMBER
    async with world.store.read() as uow:
        assert await uow.projects.supporters(world.project) == []


async def test_support_on_a_closed_project_is_refused(world: World) -> None:
    project = await find_project(world.store, world.project)
    assert project is not None
    await move_stage(world.store, project, "withdrawn", "", who(LI), NOW)
    closed = await find_project(world.store, world.project)
    assert closed is not None
    outcome = await support_project(world.store, closed, LI, ZPARK_CHAT, NOW)
    assert outcome.refusal is Refusal.CLOSED
