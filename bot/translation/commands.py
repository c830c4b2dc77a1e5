"""The translation feature's commands, for /help and the command menus."""

from __future__ import annotations

from bot.common.command_types import COORDINATION, GENERAL, Command, Where
from bot.common.i18n import N_

TRANSLATION_COMMANDS: tuple[Command, ...] = (
    Command("tr", N_("Translate a message: reply with /tr, or /tr LANG TEXT"), GENERAL),
    Command(
        "autotranslate",
        N_("Automatic translation in this group: on or off"),
        COORDINATION,
        coordinators_only=True,
        where=Where.GROUP,
    ),
    Command(
        "glossary",
        N_("Words kept as written in translations"),
        COORDINATION,
        coordinators_only=True,
        where=Where.GROUP,
    ),
)
