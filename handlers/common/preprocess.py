"""Runs before every feature handler: remember who and where, and pick the reply language."""

from __future__ import annotations

from telegram import Update

from bot.chats.services import Seen, reader_language_for
from handlers.context import ParkContext


async def remember_and_resolve(update: Update, context: ParkContext) -> None:
    """Upsert the user and chat, then set `context.language` for the handlers that follow."""
    restore_forms(update, context)
    context.language = await language_for(update, context, remember=True)


def restore_forms(update: object, context: ParkContext) -> None:
    """Put the forms a restart brought back into their chat's data, before anything reads it."""
    chat = update.effective_chat if isinstance(update, Update) else None
    if chat is None or not context.bot_data.restored_forms:
        return
    waiting = context.bot_data.restored_forms.pop(chat.id, None)
    if waiting and context.chat_data is not None:
        for key, form in waiting.items():
            context.chat_data.setdefault(key, form)


def _seen(update: Update) -> Seen:
    """The user (people only, not bots) and chat an update comes from."""
    user = update.effective_user
    chat = update.effective_chat
    person = user if user is not None and not user.is_bot else None
    return Seen(
        chat_id=chat.id if chat is not None else None,
        chat_type=chat.type if chat is not None else "",
        chat_title=(chat.title or chat.full_name or "") if chat is not None else "",
        user_id=person.id if person is not None else None,
        first_name=person.first_name if person is not None else "",
        username=person.username if person is not None else None,
        telegram_language=person.language_code if person is not None else None,
    )


async def language_for(update: object, context: ParkContext, remember: bool = False) -> str:
    """The caller's language: stored choice, Telegram's code, the chat's default, ours."""
    default = context.settings.default_language
    if not isinstance(update, Update):
        return default
    message = update.effective_message
    if message is not None and message.migrate_to_chat_id:
        remember = False  # the old group is gone: recording it again would undo the move
    return await reader_language_for(context.store, _seen(update), default, remember=remember)
