"""The one rule for the language a reader gets the bot's words in."""

from __future__ import annotations

from collections.abc import Sequence

from bot.common.languages import resolve_language


def reader_language(
    stored_choice: str | None,
    telegram_code: str | None,
    chat_languages: Sequence[str],
    default: str,
) -> str:
    """Own choice, then Telegram's code cut to its base, then the chat's first, then ours."""
    chat_default = chat_languages[0] if chat_languages else None
    return resolve_language(stored_choice, telegram_code, chat_default, default)
