"""The last line of defence: log the error, tell the user briefly, never show a traceback."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError

from bot.common.i18n import translator
from handlers.common.preprocess import language_for
from handlers.context import ParkContext

log = logging.getLogger(__name__)


async def on_error(update: object, context: ParkContext) -> None:
    """Log first, then apologise in the caller's language if there is someone to tell."""
    log.error("error while handling an update", exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        language = await language_for(update, context)
    except Exception:  # the database itself may be what failed
        language = context.settings.default_language
    text = translator(language).t("Sorry, something went wrong on my side. Please try again.")
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text, show_alert=True)
        else:
            await context.bot.send_message(update.effective_chat.id, text)
    except TelegramError as error:
        log.warning("could not send the apology: %s", error)
