"""Project writes are all or nothing: a change and its history row commit together or not at all."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.delegations.rules import DelegationDraft
from bot.projects.models import Moved
from bot.projects.rules import ProjectDraft
from storage.database import Database
from storage.migrations import migrate
from storage.unit_of_work import repositories

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "projects.db")
    await database.open()
    await migrate(database)
    yield database
    await database.close()


async def lead(db: Database) -> int:
    await repositories(db).users.remember_user(1, "Li", None, "en")
    draft = DelegationDraft("Z-Park", "Z", "CN", "Beijing", "zh", "Asia/Shanghai", ["space"])
    return await repositories(db).delegations.create(draft, 1, 1)


async def count(db: Database, table: str) -> int:
    return int(await db.value(f"SELECT count(*) FROM {table}"))


async def test_a_failed_proposal_leaves_no_project_and_no_history(db: Database) -> None:
    draft = ProjectDraft("Title", "Summary", ["space"], await lead(db), partner_ids=[404])
    with pytest.raises(sqlite3.IntegrityError):
        await repositories(db).projects.create(draft, 1, None, NOW)  # partner 404 does not exist
    for table in ("projects", "project_partners", "project_events"):
        assert await count(db, table) == 0, table


async def test_moves_follow_the_rules_inside_the_transaction(db: Database) -> None:
    project_id = await repositories(db).projects.create(
        ProjectDraft("Title", "S", [], await lead(db)), 1, None, NOW
    )
    assert not (await repositories(db).projects.move(project_id, "funded", 1, "", NOW)).done
    assert (await repositories(db).projects.move(project_id, "discussion", 1, "", NOW)).done
    second = await repositories(db).projects.move(project_id, "discussion", 1, "", NOW)
    assert (second.done, second.previous) == (False, "discussion")
    assert await repositories(db).projects.move(99, "discussion", 1, "", NOW) == Moved(False, None)
    stages = await db.all("SELECT from_stage, to_stage FROM project_events WHERE action = 'stage'")
    assert [tuple(row) for row in stages] == [("proposed", "discussion")]


async def test_history_row_rolls_back_with_the_change(db: Database) -> None:
    project_id = await repositories(db).projects.create(
        ProjectDraft("Title", "S", [], await lead(db)), 1, None, NOW
    )
    before = await count(db, "project_events")
    with pytest.raises(RuntimeError):
        async with db.write() as tx:
            await tx.execute("UPDATE projects SET stage = 'approved' WHERE id = ?", (project_id,))
            raise RuntimeError("the process fails before the history row is written")
    assert await db.value("SELECT stage FROM projects") == "proposed"
    assert await count(db, "project_events") == before
