"""Meeting-related chat settings (reminder offsets, weekly digest) inside /settings."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update

from bot.context import ParkContext
from bot.i18n import Tr

# `/settings KEYWORD ARGS…` → handler(update, context, args); e.g. "reminders", "digest".
SettingHandler = Callable[[Update, ParkContext, list[str]], Awaitable[None]]
KEYWORDS: dict[str, SettingHandler] = {}


async def card_lines(tr: Tr, chat_id: int, context: ParkContext) -> list[str]:
    """Extra lines for the /settings card (current values and how to change them)."""
    return []
