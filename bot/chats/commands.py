"""The chats feature's commands, for /help and the command menus."""

from __future__ import annotations

from bot.common.command_types import COORDINATION, GENERAL, Command, Where
from bot.common.i18n import N_

CHAT_COMMANDS: tuple[Command, ...] = (
    Command("start", N_("What this bot does and what to do next"), GENERAL),
    Command("help", N_("The commands you can use here"), GENERAL),
    Command("language", N_("Choose the language the bot speaks to you"), GENERAL),
    Command(
        "settings",
        N_("Time zone and languages of this group"),
        COORDINATION,
        coordinators_only=True,
        where=Where.GROUP,
    ),
)
