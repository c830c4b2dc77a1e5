"""Role checks that need Telegram: configured coordinators, and administrators of this group."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from telegram import Update
from telegram.error import TelegramError

from bot.common.caller import Caller
from bot.common.roles import (
    ADMIN_STATUSES,
    ANONYMOUS_ADMIN_ID,
    is_anonymous_admin,
    is_configured_coordinator,
)
from handlers.context import ParkContext

log = logging.getLogger(__name__)


def in_group(update: Update) -> bool:
    """Group and supergroup chats are where coordination happens."""
    chat = update.effective_chat
    return chat is not None and chat.type in ("group", "supergroup")


def is_configured(update: Update, context: ParkContext) -> bool:
    """Named in PARKBRIDGE_COORDINATORS: a coordinator everywhere, for everything."""
    user = update.effective_user
    return is_configured_coordinator(context.settings, user.id if user else None)


async def is_group_admin(update: Update, context: ParkContext) -> bool:
    """An administrator (or the creator, or an anonymous admin) of the group the update is in."""
    user = update.effective_user
    chat = update.effective_chat
    if chat is None or user is None or not in_group(update):
        return False
    message = update.effective_message
    sender_chat = message.sender_chat if message is not None else None
    if update.callback_query is None and is_anonymous_admin(
        chat.id, user.id, sender_chat.id if sender_chat else None
    ):
        return True
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError as error:
        log.warning("could not check admin status in chat %s: %s", chat.id, error)
        return False
    return member.status in ADMIN_STATUSES


async def is_coordinator(update: Update, context: ParkContext) -> bool:
    """Coordinator of this chat: configured, or an administrator of this group.

    Enough for what concerns this group itself (/settings, /register, /autotranslate).
    """
    return is_configured(update, context) or await is_group_admin(update, context)


async def is_coordinator_for(
    update: Update, context: ParkContext, home_chats: Iterable[int | None]
) -> bool:
    """Coordinator of something owned by delegations homed in `home_chats`.

    Configured coordinators always; a group administrator only inside one of those home
    chats, so creating a group of your own gives no power over other delegations.
    """
    if is_configured(update, context):
        return True
    chat = update.effective_chat
    if chat is None or chat.id not in {home for home in home_chats if home is not None}:
        return False
    return await is_group_admin(update, context)


def caller(update: Update, context: ParkContext) -> Caller:
    """The acting person as the services see them; admin status is asked only if it matters."""
    user = update.effective_user
    chat = update.effective_chat

    async def chat_admin() -> bool:
        return await is_group_admin(update, context)

    return Caller(
        user_id=user.id if user is not None else ANONYMOUS_ADMIN_ID,
        chat_id=chat.id if chat is not None else None,
        configured=is_configured(update, context),
        chat_admin=chat_admin,
    )
