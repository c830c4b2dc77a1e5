"""Keeps the chat table true: the bot removed or re-added, a group turned into a supergroup."""

from __future__ import annotations

import logging

from telegram import ChatMember, Update

from bot.chats import services
from handlers.context import ParkContext

log = logging.getLogger(__name__)
GONE = (ChatMember.LEFT, ChatMember.BANNED)


async def bot_membership_changed(update: Update, context: ParkContext) -> None:
    """The bot was removed (stop sending there) or added back (send again)."""
    change = update.my_chat_member
    if change is None:
        return
    active = change.new_chat_member.status not in GONE
    await services.bot_membership_changed(context.store, change.chat.id, active)
    log.info("chat %s is now %s", change.chat.id, "active" if active else "inactive")


async def group_migrated(update: Update, context: ParkContext) -> None:
    """Move everything keyed by the old group id to the new supergroup id."""
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id:
        old_id, new_id = message.chat.id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id:
        old_id, new_id = message.migrate_from_chat_id, message.chat.id
    else:
        return
    if await services.chat_migrated(context.store, old_id, new_id):
        log.info("chat %s became supergroup %s", old_id, new_id)
