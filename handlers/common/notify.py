"""Notices the bot posts on its own: a removed bot stops posting, a migrated group follows."""

from __future__ import annotations

import logging

from telegram import Bot, ForceReply, InlineKeyboardMarkup, Message
from telegram.error import ChatMigrated, Forbidden, TelegramError

from handlers.common.replies import send_html
from storage.database import Database
from storage.unit_of_work import repositories

log = logging.getLogger(__name__)


async def post_notice(
    bot: Bot,
    db: Database,
    chat_id: int,
    text: str,
    *,
    reply_markup: InlineKeyboardMarkup | ForceReply | None = None,
) -> Message | None:
    """Send to a chat the bot keeps track of; None (logged) when it cannot be delivered.

    Forbidden (bot removed or blocked) marks the chat inactive; ChatMigrated moves every
    row keyed by the old id to the supergroup's id and sends there once more.
    """
    record = await repositories(db).chats.get_chat(chat_id)
    if record is not None and not record.active:
        return None
    try:
        return await send_html(bot, chat_id, text, reply_markup=reply_markup)
    except ChatMigrated as migrated:
        new_id = migrated.new_chat_id
        await repositories(db).chats.move_chat(chat_id, new_id)
        log.info("chat %s became %s; sending there", chat_id, new_id)
        try:
            return await send_html(bot, new_id, text, reply_markup=reply_markup)
        except TelegramError as error:
            log.warning("notice to migrated chat %s failed: %s", new_id, error)
            return None
    except Forbidden as error:
        await repositories(db).chats.set_active(chat_id, False)
        log.info("chat %s is closed to the bot (%s); marked inactive", chat_id, error)
        return None
    except TelegramError as error:
        log.warning("notice to chat %s failed: %s", chat_id, error)
        return None
