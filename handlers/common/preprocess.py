"""Runs before every feature handler: remember who and where, and pick the reply language."""

from __future__ import annotations

from telegram import Update

from bot.common.languages import resolve_language
from handlers.context import ParkContext
from storage.unit_of_work import repositories


async def remember_and_resolve(update: Update, context: ParkContext) -> None:
    """Upsert the user and chat, then set `context.language` for the handlers that follow."""
    context.language = await language_for(update, context, remember=True)


async def language_for(update: object, context: ParkContext, remember: bool = False) -> str:
    """The caller's language: stored choice, Telegram's code, the chat's default, ours."""
    settings = context.settings
    if not isinstance(update, Update):
        return settings.default_language
    user = update.effective_user
    chat = update.effective_chat
    stored_language: str | None = None
    chat_default: str | None = None
    message = update.effective_message
    if message is not None and message.migrate_to_chat_id:
        remember = False  # the old group is gone: recording it again would undo the move
    if chat is not None:
        title = chat.title or chat.full_name or ""
        record = (
            await repositories(context.db).chats.remember_chat(chat.id, chat.type, title)
            if remember
            else await repositories(context.db).chats.get_chat(chat.id)
        )
        if record is not None and record.languages:
            chat_default = record.languages[0]
    if user is not None and not user.is_bot:
        stored = (
            await repositories(context.db).users.remember_user(
                user.id, user.first_name, user.username, user.language_code
            )
            if remember
            else await repositories(context.db).users.get_user(user.id)
        )
        stored_language = stored.language if stored else None
    code = user.language_code if user is not None and not user.is_bot else None
    return resolve_language(stored_language, code, chat_default, settings.default_language)
