"""Role checks that need Telegram: is the caller a coordinator here?"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError

from bot.context import ParkContext
from bot.roles import ADMIN_STATUSES, is_anonymous_admin, is_configured_coordinator

log = logging.getLogger(__name__)


def in_group(update: Update) -> bool:
    """Group and supergroup chats are where coordination happens."""
    chat = update.effective_chat
    return chat is not None and chat.type in ("group", "supergroup")


async def is_coordinator(update: Update, context: ParkContext) -> bool:
    """Configured coordinators everywhere; a group's admins (anonymous ones too) in that group."""
    user = update.effective_user
    chat = update.effective_chat
    user_id = user.id if user else None
    if is_configured_coordinator(context.settings, user_id):
        return True
    if chat is None or user_id is None or not in_group(update):
        return False
    message = update.effective_message
    sender_chat = message.sender_chat if message is not None else None
    if update.callback_query is None and is_anonymous_admin(
        chat.id, user_id, sender_chat.id if sender_chat else None
    ):
        return True
    try:
        member = await context.bot.get_chat_member(chat.id, user_id)
    except TelegramError as error:
        log.warning("could not check admin status in chat %s: %s", chat.id, error)
        return False
    return member.status in ADMIN_STATUSES
