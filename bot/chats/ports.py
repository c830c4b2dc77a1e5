"""What the feature needs from storage: the repositories a unit of work holds."""

from __future__ import annotations

from typing import Protocol

from bot.chats.models import ChatRecord, UserRecord


class UserRepository(Protocol):
    """The users repository."""

    async def remember_user(
        self, user_id: int, first_name: str, username: str | None, telegram_language: str | None
    ) -> UserRecord:
        """Insert or refresh a user from an update; return what is stored (their choice too)."""
        ...

    async def get_user(self, user_id: int) -> UserRecord | None:
        """The stored user, if the bot has met them."""
        ...

    async def set_language(self, user_id: int, language: str) -> None:
        """Store a user's choice of the bot's language."""
        ...


class ChatRepository(Protocol):
    """The chats repository."""

    async def remember_chat(self, chat_id: int, chat_type: str, title: str) -> ChatRecord:
        """Insert or refresh a chat seen in an update; a chat that writes to us is active again."""
        ...

    async def get_chat(self, chat_id: int) -> ChatRecord | None:
        """The stored chat, if known (memoised: every update asks)."""
        ...

    async def set_timezone(self, chat_id: int, zone: str) -> None:
        """Store a validated IANA zone for the chat."""
        ...

    async def set_languages(self, chat_id: int, languages: list[str]) -> None:
        """Store the chat's languages in the order given (the first is the chat's default)."""
        ...

    async def set_active(self, chat_id: int, active: bool) -> None:
        """Mark a chat the bot was removed from (or re-added to)."""
        ...

    async def move_chat(self, old_id: int, new_id: int) -> bool:
        """Give the old group's row (and everything keyed by it) the supergroup's id."""
        ...


class ChatsUnit(Protocol):
    """The repositories the chats feature's services work with, in one transaction."""

    @property
    def users(self) -> UserRepository:
        """People the bot has met."""
        ...

    @property
    def chats(self) -> ChatRepository:
        """Chats the bot is in."""
        ...
