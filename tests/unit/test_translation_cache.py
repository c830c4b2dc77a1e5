"""The translation cache: memory then SQLite, across restarts, bounded, shared by backends."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.translation import Translated, TranslationCache, TranslationService, normalise
from storage.database import Database
from storage.migrations import migrate
from storage.unit_of_work import SqliteStore, repositories
from tests.fakes import FakeBackend

MIGRATION = Path(__file__).parents[2] / "storage" / "migrations" / "0003_translations.sql"


async def open_db(path: Path) -> Database:
    """A database with the base schema and our table (applied directly: 0002 may not exist)."""
    db = Database(path)
    await db.open()
    await migrate(db, target=1)
    if await db.value("SELECT name FROM sqlite_master WHERE name = 'translations'") is None:
        await db.connection.executescript(MIGRATION.read_text(encoding="utf-8"))
    return db


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await open_db(tmp_path / "cache.db")
    yield database
    await database.close()


def test_normalise_trims_collapses_and_composes() -> None:
    assert normalise("  Hyva\u0308a\u0308   huomenta \t ") == "Hyvää huomenta"
    assert normalise("line one  \n\n\n\n  line\u00a0two ") == "line one\n\nline two"
    assert normalise("a\nb") != normalise("a b")  # line breaks carry meaning in chat


async def test_a_repeated_message_costs_no_backend_call(db: Database) -> None:
    fake = FakeBackend("google")
    service = TranslationService([fake], TranslationCache(SqliteStore(db)))
    try:
        first = await service.translate("Доброе утро", "ru", "zh")
        second = await service.translate("  Доброе   утро ", "ru", "zh")
        await service.cache.flush()  # the database write is gathered and made shortly after
    finally:
        service.close()
    assert isinstance(first, Translated) and first.cached is None
    assert isinstance(second, Translated) and second.cached == "memory"
    assert second.text == first.text and fake.call_count == 1
    assert service.stats.memory_hits == 1 and service.stats.misses == 1
    assert await repositories(db).translations.count() == 1


async def test_the_cache_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "restart.db"
    db = await open_db(path)
    fake = FakeBackend("google")
    service = TranslationService([fake], TranslationCache(SqliteStore(db)))
    await service.translate("Kiitos paljon kaikille", "fi", "ru")
    await service.cache.flush()  # what the application does at shutdown
    service.close()
    await db.close()

    db = await open_db(path)
    fresh = FakeBackend("google")
    service = TranslationService([fresh], TranslationCache(SqliteStore(db)))
    try:
        again = await service.translate("Kiitos paljon kaikille", "fi", "ru")
        third = await service.translate("Kiitos paljon kaikille", "fi", "ru")
    finally:
        service.close()
        await db.close()
    assert isinstance(again, Translated) and again.cached == "db"
    assert again.text == "[ru] Kiitos paljon kaikille"
    assert isinstance(third, Translated) and third.cached == "memory"
    assert fresh.call_count == 0
    assert service.stats.db_hits == 1 and service.stats.memory_hits == 1


async def test_a_fallbacks_answer_is_reused_and_list_order_wins(db: Database) -> None:
    google, libre = FakeBackend("google", mode="error"), FakeBackend("libre")
    service = TranslationService([google, libre], TranslationCache(SqliteStore(db), memory_size=0))
    try:
        first = await service.translate("Where is the meeting?", "en", "fi")
        await service.cache.flush()
        google.mode = "ok"
        second = await service.translate("Where is the meeting?", "en", "fi")
    finally:
        service.close()
    assert isinstance(first, Translated) and first.backend == "libre"
    assert isinstance(second, Translated) and second.backend == "libre" and second.cached == "db"
    assert google.call_count == 1 and libre.call_count == 1

    await repositories(db).translations.save(
        "Where is the meeting?", "en", "fi", "google", "Missä kokous on?"
    )
    hit = await TranslationCache(SqliteStore(db)).get(
        "Where is the meeting?", "en", "fi", ["google", "libre"]
    )
    assert hit is not None and (hit.backend, hit.translation) == ("google", "Missä kokous on?")
    other_order = await TranslationCache(SqliteStore(db)).get(
        "Where is the meeting?", "en", "fi", ["libre", "google"]
    )
    assert other_order is not None and other_order.backend == "libre"
    assert (
        await TranslationCache(SqliteStore(db)).get("Where is the meeting?", "en", "fi", ["deepl"])
        is None
    )


async def test_the_memory_layer_is_bounded_lru() -> None:
    cache = TranslationCache(memory_size=3)
    for n in range(5):
        await cache.put(f"text {n}", "en", "ru", "google", f"текст {n}")
    assert len(cache) == 3
    assert await cache.get("text 0", "en", "ru", ["google"]) is None
    assert await cache.get("text 2", "en", "ru", ["google"]) is not None  # now most recent
    await cache.put("text 5", "en", "ru", "google", "текст 5")
    assert await cache.get("text 2", "en", "ru", ["google"]) is not None
    assert await cache.get("text 3", "en", "ru", ["google"]) is None  # the oldest went
    assert len(cache) == 3


async def test_a_broken_database_costs_only_the_cache(tmp_path: Path) -> None:
    db = Database(tmp_path / "empty.db")  # no translations table
    await db.open()
    fake = FakeBackend("google")
    service = TranslationService([fake], TranslationCache(SqliteStore(db)))
    try:
        result = await service.translate("Good morning team", "en", "ru")
    finally:
        service.close()
        await db.close()
    assert isinstance(result, Translated) and result.backend == "google"


async def test_the_same_words_in_another_pair_are_another_entry(db: Database) -> None:
    fake = FakeBackend("google")
    service = TranslationService([fake], TranslationCache(SqliteStore(db)))
    try:
        await service.translate("Good morning team", "en", "ru")
        await service.translate("Good morning team", "en", "fi")
        await service.cache.flush()
    finally:
        service.close()
    assert fake.call_count == 2 and await repositories(db).translations.count() == 2


async def test_old_entries_can_be_forgotten(db: Database) -> None:
    await repositories(db).translations.save("Hello", "en", "ru", "google", "Привет")
    assert await repositories(db).translations.forget_older_than("2000-01-01T00:00:00+00:00") == 0
    assert await repositories(db).translations.forget_older_than("9999-01-01T00:00:00+00:00") == 1
    assert await repositories(db).translations.count() == 0
