"""What the feature needs from storage: the repositories a unit of work holds."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from bot.chats.ports import ChatsUnit


class ChatTranslationRepository(Protocol):
    """The chat translation repository."""

    async def set_autotranslate(self, chat_id: int, on: bool) -> None:
        """Turn auto-translation on or off for a chat."""
        ...

    async def add_term(self, chat_id: int, term: str, actor: int) -> bool:
        """Keep a term as written; False if the chat already has it (ignoring case)."""
        ...

    async def remove_term(self, chat_id: int, term: str) -> bool:
        """Forget a term; False if the chat did not have it."""
        ...

    async def terms(self, chat_id: int) -> list[str]:
        """The chat's own glossary, alphabetically (memoised: every translated message asks)."""
        ...

    async def automatic_terms(self) -> list[str]:
        """Names every chat keeps as written: the delegations' names and the projects' titles."""
        ...

    async def remember_reply(self, chat_id: int, message_id: int, reply_id: int) -> None:
        """Note which bot message carries the translations of a message."""
        ...

    async def reply_for(self, chat_id: int, message_id: int) -> int | None:
        """The bot message holding a message's translations, if any."""
        ...


class TranslationCacheRepository(Protocol):
    """The translations repository."""

    async def lookup(
        self, text: str, source: str, target: str, backends: Sequence[str]
    ) -> tuple[str, str] | None:
        """(backend, translation) from the first of `backends` that has one cached, else None."""
        ...

    async def save(
        self, text: str, source: str, target: str, backend: str, translation: str
    ) -> None:
        """Remember a translation; a newer answer from the same backend replaces the old one."""
        ...

    async def save_many(self, rows: list[tuple[str, str, str, str, str]]) -> None:
        """Remember several (text, source, target, backend, translation) in one transaction."""
        ...

    async def forget_older_than(self, moment_iso: str) -> int:
        """Drop translations cached before a UTC ISO time; return how many went."""
        ...

    async def count(self) -> int:
        """How many translations are cached."""
        ...


class TranslationUnit(ChatsUnit, Protocol):
    """The repositories the translation feature's services work with, in one transaction."""

    @property
    def chat_translation(self) -> ChatTranslationRepository:
        """Per-chat switches, glossaries and translation replies."""
        ...

    @property
    def translations(self) -> TranslationCacheRepository:
        """Machine translations already made."""
        ...
