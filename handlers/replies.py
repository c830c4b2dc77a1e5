"""Sending answers: split to Telegram's limit, in the caller's chat and forum topic."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Message, Update

from bot.chunks import split_html
from bot.context import ParkContext


async def reply(
    update: Update,
    context: ParkContext,
    text: str,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> Message | None:
    """Answer the update's message (or chat); buttons go on the last part."""
    parts = split_html(text)
    message = update.effective_message
    chat = update.effective_chat
    sent: Message | None = None
    for index, part in enumerate(parts):
        markup = reply_markup if index == len(parts) - 1 else None
        if message is not None and update.callback_query is None:
            sent = await message.reply_text(part, reply_markup=markup)
        elif chat is not None:
            thread = message.message_thread_id if message and message.is_topic_message else None
            sent = await context.bot.send_message(
                chat.id, part, reply_markup=markup, message_thread_id=thread
            )
    return sent
