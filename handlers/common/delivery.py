"""The one delivery policy for everything the bot posts or edits by itself.

Notices, cards, reminders, digests and join requests all go through `deliver`; card refreshes
through `edit`. What Telegram answers is decided here, once:
- Forbidden (removed, blocked) and "chat not found" mark the chat closed: nothing more goes
  there until it writes again;
- a group that became a supergroup is followed once, its rows moved to the new id;
- "message is not modified" is success (a double press that changes nothing);
- a flood limit or a network error is passing: the caller may retry after `retry_after`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from telegram import Bot, ForceReply, InlineKeyboardMarkup, Message
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError

from bot.chats.ports import ChatsUnit
from bot.chats.services import chat_closed, chat_is_open, chat_migrated
from bot.common.store import Store
from handlers.common.replies import is_not_modified, send_html

log = logging.getLogger(__name__)
Markup = InlineKeyboardMarkup | ForceReply


@dataclass(frozen=True)
class Failure:
    """Why a message did not go out; `permanent` ones are not worth another try."""

    reason: str
    permanent: bool
    retry_after: timedelta = timedelta(0)


def _is_chat_not_found(error: BadRequest) -> bool:
    return "chat not found" in str(error).lower()


async def deliver(
    bot: Bot,
    store: Store[ChatsUnit],
    chat_id: int,
    text: str,
    *,
    reply_markup: Markup | None = None,
    thread_id: int | None = None,
    reply_to: int | None = None,
) -> Message | Failure:
    """Post to a chat the bot keeps track of, telling a passing failure from a lasting one."""
    if not await chat_is_open(store, chat_id):
        return Failure("chat closed to the bot", permanent=True)
    try:
        return await send_html(
            bot, chat_id, text, reply_markup=reply_markup, thread_id=thread_id, reply_to=reply_to
        )
    except ChatMigrated as migrated:
        new_id = migrated.new_chat_id
        await chat_migrated(store, chat_id, new_id)
        log.info("chat %s became %s; sending there", chat_id, new_id)
        if new_id == chat_id:
            return Failure("migrated to itself", permanent=True)
        return await deliver(bot, store, new_id, text, reply_markup=reply_markup)
    except Forbidden as error:
        await chat_closed(store, chat_id)
        log.info("chat %s is closed to the bot (%s); marked inactive", chat_id, error)
        return Failure("chat closed to the bot", permanent=True)
    except BadRequest as error:  # before NetworkError: BadRequest is one of its subclasses
        if _is_chat_not_found(error):
            await chat_closed(store, chat_id)
            log.info("chat %s is unknown to Telegram; marked inactive", chat_id)
            return Failure("chat not found", permanent=True)
        log.warning("message to chat %s refused: %s", chat_id, error)
        return Failure(f"refused: {error}", permanent=True)
    except RetryAfter as error:
        wait = error.retry_after
        pause = wait if isinstance(wait, timedelta) else timedelta(seconds=wait)
        return Failure(f"flood limit: {error}", permanent=False, retry_after=pause)
    except TelegramError as error:  # NetworkError, TimedOut, 5xx and the unexpected
        log.warning("message to chat %s failed: %s", chat_id, error)
        return Failure(f"{type(error).__name__}: {error}", permanent=False)


async def post(
    bot: Bot,
    store: Store[ChatsUnit],
    chat_id: int,
    text: str,
    *,
    reply_markup: Markup | None = None,
) -> Message | None:
    """`deliver` for callers that only care whether it went out."""
    sent = await deliver(bot, store, chat_id, text, reply_markup=reply_markup)
    return sent if isinstance(sent, Message) else None


async def edit(
    bot: Bot,
    store: Store[ChatsUnit],
    chat_id: int,
    message_id: int,
    text: str,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> bool:
    """Edit a message the bot posted; True when it shows `text` afterwards."""
    try:
        await bot.edit_message_text(
            text, chat_id=chat_id, message_id=message_id, reply_markup=reply_markup
        )
    except BadRequest as error:
        if is_not_modified(error):
            return True
        if _is_chat_not_found(error):
            await chat_closed(store, chat_id)
        log.info("could not edit message %s in chat %s: %s", message_id, chat_id, error)
        return False
    except Forbidden:
        await chat_closed(store, chat_id)
        return False
    except TelegramError as error:
        log.warning("edit of message %s in chat %s failed: %s", message_id, chat_id, error)
        return False
    return True
