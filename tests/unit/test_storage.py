"""SQLite layer: pragmas, the migration stairway, atomic writes, chat id migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage.database import Database
from storage.migrations import Migration, discover, migrate, schema_version
from storage.unit_of_work import repositories


@pytest.fixture
async def db(tmp_path: Path) -> Database:
    database = Database(tmp_path / "sub" / "test.db")
    await database.open()
    yield database  # type: ignore[misc]
    await database.close()


async def test_open_creates_the_folder_and_sets_the_pragmas(db: Database) -> None:
    assert db.path.parent.is_dir()
    assert await db.value("PRAGMA journal_mode") == "wal"
    assert await db.value("PRAGMA foreign_keys") == 1
    assert await db.value("PRAGMA busy_timeout") == 5000


async def test_migration_stairway_each_step_from_the_previous(db: Database) -> None:
    migrations = discover()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    for migration in migrations:
        assert await migrate(db, migrations, target=migration.version) == migration.version
        assert await schema_version(db) == migration.version
    assert await migrate(db) == len(migrations)  # idempotent


async def test_a_failing_migration_leaves_nothing_behind(db: Database, tmp_path: Path) -> None:
    await migrate(db)
    version = await schema_version(db)
    bad = tmp_path / f"{version + 1:04d}_bad.sql"
    bad.write_text("CREATE TABLE half_done (x INTEGER);\nTHIS IS NOT SQL;", encoding="utf-8")
    with pytest.raises(sqlite3.OperationalError):
        await migrate(db, [*discover(), Migration(version + 1, bad)])
    assert await schema_version(db) == version
    assert await db.value("SELECT name FROM sqlite_master WHERE name = 'half_done'") is None


async def test_a_failed_write_transaction_rolls_back(db: Database) -> None:
    await migrate(db)
    await repositories(db).users.remember_user(1, "Anna", None, "en")
    with pytest.raises(RuntimeError):
        async with db.write() as tx:
            await tx.execute("UPDATE users SET first_name = 'Changed' WHERE id = 1")
            raise RuntimeError("boom")
    assert await db.value("SELECT first_name FROM users WHERE id = 1") == "Anna"


async def test_user_choice_survives_a_refresh_from_telegram(db: Database) -> None:
    await migrate(db)
    await repositories(db).users.remember_user(5, "Li", "li", "zh-hans")
    await repositories(db).users.set_language(5, "ru")
    refreshed = await repositories(db).users.remember_user(5, "Li Wei", "li", "zh-hans")
    assert refreshed.first_name == "Li Wei" and refreshed.language == "ru"


async def test_group_migration_moves_the_row_and_its_settings(db: Database) -> None:
    await migrate(db)
    await repositories(db).chats.remember_chat(-100, "group", "Z-Park")
    await repositories(db).chats.set_timezone(-100, "Asia/Shanghai")
    await repositories(db).chats.set_languages(-100, ["zh", "ru"])
    await repositories(db).chats.remember_chat(
        -1001234, "supergroup", "Z-Park"
    )  # new id seen first
    assert await repositories(db).chats.move_chat(-100, -1001234)
    moved = await repositories(db).chats.get_chat(-1001234)
    assert moved is not None
    assert (moved.timezone, moved.languages, moved.type) == (
        "Asia/Shanghai",
        ("zh", "ru"),
        "supergroup",
    )
    assert await repositories(db).chats.get_chat(-100) is None


async def test_languages_cannot_be_emptied(db: Database) -> None:
    await migrate(db)
    await repositories(db).chats.remember_chat(-7, "group", "g")
    with pytest.raises(ValueError):
        await repositories(db).chats.set_languages(-7, [])


async def test_migration_merges_when_the_supergroup_was_seen_first(db: Database) -> None:
    from bot.delegations.rules import DelegationDraft

    await migrate(db)
    await repositories(db).users.remember_user(1, "Li", None, "zh")
    await repositories(db).chats.remember_chat(-100, "group", "Z-Park")
    await repositories(db).chats.set_timezone(-100, "Asia/Shanghai")
    draft = DelegationDraft("Z-Park", "Zhongguancun", "CN", "Beijing", "zh", "Asia/Shanghai")
    first = await repositories(db).delegations.create(draft, 1, 1)
    await repositories(db).delegations.link_chat(first, -100, 1)
    await repositories(db).chat_translation.add_term(-100, "Haidian", 1)
    # The supergroup's first message came before the migration notice, and was used already.
    await repositories(db).chats.remember_chat(-1001, "supergroup", "Z-Park")
    await repositories(db).chats.set_languages(-1001, ["zh", "en"])
    await repositories(db).chat_translation.add_term(-1001, "Haidian", 1)
    await repositories(db).chat_translation.add_term(-1001, "TusPark", 1)

    assert await repositories(db).chats.move_chat(-100, -1001)
    merged = await repositories(db).chats.get_chat(-1001)
    assert merged is not None
    assert (merged.timezone, merged.languages) == ("Asia/Shanghai", ("zh", "en"))
    assert await repositories(db).chats.get_chat(-100) is None
    found = await repositories(db).delegations.by_id(first)
    assert found is not None and found.home_chat_id == -1001
    assert await repositories(db).chat_translation.terms(-1001) == ["Haidian", "TusPark"]
    assert not await repositories(db).chats.move_chat(
        -100, -1001
    )  # a second notice changes nothing
