"""Translation services against a migrated SQLite file: the cache expires, the glossary reads."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.translation.services import CACHE_LIFETIME, expire_translations, glossary_terms
from storage.database import Database
from storage.migrations import migrate
from storage.unit_of_work import SqliteStore

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """A fresh migrated database."""
    database = Database(tmp_path / "t.db")
    await database.open()
    await migrate(database)
    yield database
    await database.close()


async def test_old_translations_expire_and_recent_ones_stay(db: Database) -> None:
    store = SqliteStore(db)
    async with store.write() as uow:
        await uow.translations.save("Old phrase", "en", "fi", "fake", "Vanha")
        await uow.translations.save("New phrase", "en", "fi", "fake", "Uusi")
    old = (NOW - CACHE_LIFETIME - timedelta(days=1)).isoformat(timespec="seconds")
    recent = (NOW - timedelta(days=1)).isoformat(timespec="seconds")
    await db.execute("UPDATE translations SET created_at = ? WHERE text = 'Old phrase'", (old,))
    await db.execute("UPDATE translations SET created_at = ? WHERE text = 'New phrase'", (recent,))
    assert await expire_translations(store, NOW) == 1
    rows = await db.all("SELECT text FROM translations")
    assert [row["text"] for row in rows] == ["New phrase"]
    assert await expire_translations(store, NOW) == 0


async def test_the_glossary_holds_the_chats_terms_and_the_built_in_ones(db: Database) -> None:
    store = SqliteStore(db)
    async with store.write() as uow:
        await uow.chats.remember_chat(-100, "supergroup", "Z-Park × Polytech")
        await uow.users.remember_user(1, "Ann", None, "en")
        await uow.chat_translation.add_term(-100, "TusPark", 1)
    terms = await glossary_terms(store, -100)
    assert "TusPark" in terms and "Z-Park" in terms
    assert "TusPark" not in await glossary_terms(store, None)
