"""The meetings feature's commands, for /help and the command menus."""

from __future__ import annotations

from bot.command_types import Command

MEETING_COMMANDS: tuple[Command, ...] = ()
