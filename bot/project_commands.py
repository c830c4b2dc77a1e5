"""The projects feature's commands, for /help and the command menus."""

from __future__ import annotations

from bot.command_types import Command

PROJECT_COMMANDS: tuple[Command, ...] = ()
