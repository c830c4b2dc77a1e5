"""Use cases of the chats feature: one function per intent, each owning its transaction."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.chats.models import ChatRecord, UserRecord
from bot.chats.ports import ChatsUnit
from bot.chats.reader import reader_language
from bot.common.languages import SUPPORTED
from bot.common.store import Store


async def chat_is_open(store: Store[ChatsUnit], chat_id: int) -> bool:
    """Whether the bot may still post there (unknown chats are tried)."""
    async with store.read() as uow:
        record = await uow.chats.get_chat(chat_id)
    return record is None or record.active


async def chat_closed(store: Store[ChatsUnit], chat_id: int) -> None:
    """The bot was removed or blocked, or Telegram no longer knows the chat: stop posting."""
    async with store.write() as uow:
        await uow.chats.set_active(chat_id, False)


async def chat_reopened(store: Store[ChatsUnit], chat_id: int) -> None:
    """The bot is back in the chat: post there again."""
    async with store.write() as uow:
        await uow.chats.set_active(chat_id, True)


async def chat_migrated(store: Store[ChatsUnit], old_id: int, new_id: int) -> bool:
    """A group became a supergroup: every row keyed by the old id moves to the new one."""
    async with store.write() as uow:
        return await uow.chats.move_chat(old_id, new_id)


@dataclass(frozen=True)
class Seen:
    """Who wrote and where, as Telegram reports it in an update."""

    chat_id: int | None = None
    chat_type: str = ""
    chat_title: str = ""
    user_id: int | None = None
    first_name: str = ""
    username: str | None = None
    telegram_language: str | None = None


class LanguageChoice(StrEnum):
    """What became of a press on a /language button."""

    CHOSEN = "chosen"
    UNKNOWN = "unknown"


def _unchanged(seen: Seen, chat: ChatRecord | None, user: UserRecord | None) -> bool:
    """Whether storing what the update shows would write nothing new."""
    if seen.chat_id is not None and (
        chat is None
        or (chat.type, chat.title, chat.active) != (seen.chat_type, seen.chat_title, True)
    ):
        return False
    return seen.user_id is None or (
        user is not None
        and (user.first_name, user.username, user.telegram_language)
        == (seen.first_name, seen.username, seen.telegram_language)
    )


async def reader_language_for(
    store: Store[ChatsUnit], seen: Seen, default: str, remember: bool = False
) -> str:
    """Remember the user and chat (if asked) and return the language to answer them in."""
    chat: ChatRecord | None = None
    user: UserRecord | None = None
    async with store.read() as uow:  # memoised: a known, unchanged pair costs no query
        if seen.chat_id is not None:
            chat = await uow.chats.get_chat(seen.chat_id)
        if seen.user_id is not None:
            user = await uow.users.get_user(seen.user_id)
    if remember and not _unchanged(seen, chat, user):
        async with store.write() as uow:
            if seen.chat_id is not None:
                chat = await uow.chats.remember_chat(seen.chat_id, seen.chat_type, seen.chat_title)
            if seen.user_id is not None:
                user = await uow.users.remember_user(
                    seen.user_id, seen.first_name, seen.username, seen.telegram_language
                )
    return reader_language(
        user.language if user else None,
        seen.telegram_language if seen.user_id is not None else None,
        chat.languages if chat else (),
        default,
    )


async def choose_language(store: Store[ChatsUnit], user_id: int, code: str) -> LanguageChoice:
    """Store a person's choice of the bot's language."""
    if code not in SUPPORTED:
        return LanguageChoice.UNKNOWN
    async with store.write() as uow:
        await uow.users.set_language(user_id, code)
    return LanguageChoice.CHOSEN


async def bot_membership_changed(store: Store[ChatsUnit], chat_id: int, present: bool) -> None:
    """The bot was removed (stop posting there) or added back (post again)."""
    if present:
        await chat_reopened(store, chat_id)
    else:
        await chat_closed(store, chat_id)
