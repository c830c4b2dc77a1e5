"""Use cases of the chats feature: one function per intent, each owning its transaction."""

from __future__ import annotations

from bot.chats.ports import ChatsUnit
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
