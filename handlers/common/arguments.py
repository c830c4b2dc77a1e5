"""What a command was given: the words typed after it."""

from __future__ import annotations

from telegram import Update


def argument_text(update: Update) -> str:
    """Everything after the command word (names may contain spaces)."""
    message = update.effective_message
    text = message.text if message is not None and message.text else ""
    parts = text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""
