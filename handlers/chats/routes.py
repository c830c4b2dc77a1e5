"""The chats feature's route table: greeting, help, languages, settings, the bot's membership."""

from __future__ import annotations

from telegram.ext import CallbackQueryHandler, ChatMemberHandler, MessageHandler, filters

from bot.chats.commands import CHAT_COMMANDS
from handlers.chats import language, membership, settings, start
from handlers.common.routing import FeatureRoutes, command


def routes() -> FeatureRoutes:
    """Handlers for the chats feature's commands and buttons."""
    return FeatureRoutes(
        "chats",
        CHAT_COMMANDS,
        handlers=(
            command("start", start.start),
            command("help", start.help_command),
            command("language", language.language_command),
            command("settings", settings.settings_command),
            CallbackQueryHandler(language.language_chosen, pattern=rf"^{language.KIND}:"),
            CallbackQueryHandler(settings.settings_pressed, pattern=rf"^{settings.KIND}:"),
            ChatMemberHandler(membership.bot_membership_changed, ChatMemberHandler.MY_CHAT_MEMBER),
            MessageHandler(filters.StatusUpdate.MIGRATE, membership.group_migrated),
        ),
    )
