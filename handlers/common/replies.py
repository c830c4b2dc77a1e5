"""Sending HTML: split to Telegram's limit, in the caller's chat and forum topic."""

from __future__ import annotations

from telegram import (
    Bot,
    CallbackQuery,
    ForceReply,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
    Update,
)
from telegram.error import BadRequest

from bot.common.chunks import split_html
from handlers.context import ParkContext


async def send_html(
    bot: Bot,
    chat_id: int,
    text: str,
    *,
    reply_markup: InlineKeyboardMarkup | ForceReply | None = None,
    thread_id: int | None = None,
    reply_to: int | None = None,
) -> Message:
    """Send `text` in as many parts as it needs; buttons go on the last part."""
    parts = split_html(text)
    sent: Message | None = None
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        sent = await bot.send_message(
            chat_id,
            part,
            reply_markup=reply_markup if last else None,
            message_thread_id=thread_id,
            reply_parameters=(
                ReplyParameters(reply_to, allow_sending_without_reply=True)
                if reply_to is not None and index == 0
                else None
            ),
        )
    assert sent is not None
    return sent


async def reply(
    update: Update,
    context: ParkContext,
    text: str,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> Message | None:
    """Answer the update in its chat and topic, quoting the message in groups."""
    chat = update.effective_chat
    if chat is None:
        return None
    message = update.effective_message
    thread_id = message.message_thread_id if message and message.is_topic_message else None
    quote = (
        message.message_id
        if message is not None and update.callback_query is None and chat.type != "private"
        else None
    )
    return await send_html(
        context.bot, chat.id, text, reply_markup=reply_markup, thread_id=thread_id, reply_to=quote
    )


async def edit_quietly(
    query: CallbackQuery, text: str, reply_markup: InlineKeyboardMarkup | None = None
) -> None:
    """Edit the pressed message; a double press that changes nothing is not an error."""
    try:
        await query.edit_message_text(text, reply_markup=reply_markup)
    except BadRequest as error:
        if not is_not_modified(error):
            raise


async def edit_buttons_quietly(query: CallbackQuery, markup: InlineKeyboardMarkup | None) -> None:
    """Change the pressed message's buttons; a double press that changes nothing is no error."""
    try:
        await query.edit_message_reply_markup(markup)
    except BadRequest as error:
        if not is_not_modified(error):
            raise


def is_not_modified(error: BadRequest) -> bool:
    """Telegram's answer to an edit that would leave the message as it is."""
    return "not modified" in str(error).lower()
