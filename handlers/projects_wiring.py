"""Where the projects feature plugs into the application: handlers and lifecycle hooks."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import ParkContext

Handler = BaseHandler[Update, ParkContext, Any]


def dialogues() -> list[Handler]:
    """ConversationHandlers, registered before every other feature handler."""
    return []


def handlers() -> list[Handler]:
    """Commands and button handlers, registered with the other features."""
    return []


async def started(app: Any) -> None:
    """Called from post_init once the database is open and migrated."""


async def stopping(app: Any) -> None:
    """Called from post_shutdown before the database closes."""
