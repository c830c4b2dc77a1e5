"""Use cases of the translation feature that read or change what the database keeps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.common.store import Store
from bot.translation.layout import BUILT_IN_TERMS
from bot.translation.ports import TranslationUnit


async def glossary_terms(store: Store[TranslationUnit], chat_id: int | None) -> list[str]:
    """Terms kept as written here: the chat's own, the delegations' names, built-in ones."""
    async with store.read() as uow:
        own = await uow.chat_translation.terms(chat_id) if chat_id is not None else []
        automatic = await uow.chat_translation.automatic_terms()
    return [*own, *automatic, *BUILT_IN_TERMS]


# Machine translations are kept this long: long enough for every repeat in a visit, short
# enough that a backend's improvements (or a fixed glossary) reach old phrases.
CACHE_LIFETIME = timedelta(days=90)


async def expire_translations(store: Store[TranslationUnit], now: datetime) -> int:
    """Drop cached translations older than the lifetime; return how many went."""
    async with store.write() as uow:
        return await uow.translations.forget_older_than(to_utc_iso(now - CACHE_LIFETIME))


def to_utc_iso(moment: datetime) -> str:
    """The form the cache stamps rows with (UTC, seconds)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")
