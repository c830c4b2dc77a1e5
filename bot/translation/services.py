"""Use cases of the translation feature that read or change what the database keeps."""

from __future__ import annotations

from bot.common.store import Store
from bot.translation.layout import BUILT_IN_TERMS
from bot.translation.ports import TranslationUnit


async def glossary_terms(store: Store[TranslationUnit], chat_id: int | None) -> list[str]:
    """Terms kept as written here: the chat's own, the delegations' names, built-in ones."""
    async with store.read() as uow:
        own = await uow.chat_translation.terms(chat_id) if chat_id is not None else []
        automatic = await uow.chat_translation.automatic_terms()
    return [*own, *automatic, *BUILT_IN_TERMS]
