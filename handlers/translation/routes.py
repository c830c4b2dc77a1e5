"""The translation feature's route table: /tr, /autotranslate, /glossary, and group messages."""

from __future__ import annotations

from telegram.ext import MessageHandler, filters

from bot.translation.commands import TRANSLATION_COMMANDS
from handlers.common.routing import FeatureRoutes, command
from handlers.translation import commands

# Plain group messages (and their edits) are translated when the chat asked for it.
GROUP_TEXT = (
    filters.ChatType.GROUPS
    & (filters.TEXT | filters.CAPTION)
    & ~filters.COMMAND
    & (filters.UpdateType.MESSAGE | filters.UpdateType.EDITED_MESSAGE)
)


def routes() -> FeatureRoutes:
    """Handlers for the translation commands; `last` translates what people write."""
    return FeatureRoutes(
        "translation",
        TRANSLATION_COMMANDS,
        handlers=(
            command("tr", commands.tr_command),
            command("autotranslate", commands.autotranslate_command),
            command("glossary", commands.glossary_command),
        ),
        last=(MessageHandler(GROUP_TEXT, commands.on_group_message),),
    )
