"""Telegram adapters, registered in explicit groups: bookkeeping first, features after."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from handlers.chat_settings import settings_command, settings_pressed
from handlers.errors import on_error
from handlers.language import language_chosen, language_command
from handlers.membership import bot_membership_changed, group_migrated
from handlers.preprocess import remember_and_resolve
from handlers.start import help_command, start
from handlers.unknown import stale_button, unknown_command

# Group -1: cross-cutting bookkeeping every update passes through.
BOOKKEEPING = -1
# Group 0: features (commands, buttons, membership changes).
FEATURES = 0


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Attach every handler and the error handler to the application."""
    app.add_handler(TypeHandler(Update, remember_and_resolve), group=BOOKKEEPING)

    app.add_handlers(
        [
            CommandHandler("start", start),
            CommandHandler("help", help_command),
            CommandHandler("language", language_command),
            CommandHandler("settings", settings_command),
            CallbackQueryHandler(language_chosen, pattern=r"^lang:"),
            CallbackQueryHandler(settings_pressed, pattern=r"^set:"),
            ChatMemberHandler(bot_membership_changed, ChatMemberHandler.MY_CHAT_MEMBER),
            MessageHandler(filters.StatusUpdate.MIGRATE, group_migrated),
        ],
        group=FEATURES,
    )

    # Catch-alls come last in the features group: the first matching handler in a group wins.
    app.add_handlers(
        [
            CallbackQueryHandler(stale_button),
            MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE, unknown_command),
        ],
        group=FEATURES,
    )
    app.add_error_handler(on_error)
