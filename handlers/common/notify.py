"""Notices the bot posts on its own go through the one delivery policy."""

from __future__ import annotations

from telegram import Bot, ForceReply, InlineKeyboardMarkup, Message

from bot.chats.ports import ChatsUnit
from bot.common.store import Store
from handlers.common.delivery import post


async def post_notice(
    bot: Bot,
    store: Store[ChatsUnit],
    chat_id: int,
    text: str,
    *,
    reply_markup: InlineKeyboardMarkup | ForceReply | None = None,
) -> Message | None:
    """Send to a chat the bot keeps track of; None (logged) when it cannot be delivered."""
    return await post(bot, store, chat_id, text, reply_markup=reply_markup)
