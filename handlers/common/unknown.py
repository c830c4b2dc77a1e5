"""A private message the bot does not understand gets a pointer to /help, not silence."""

from __future__ import annotations

from telegram import Update

from handlers.common.replies import reply
from handlers.context import ParkContext


async def unknown_command(update: Update, context: ParkContext) -> None:
    """Only in private: in groups, other bots' commands are none of our business."""
    await reply(
        update, context, context.tr.t("I don't know that command. /help lists the commands.")
    )


async def stale_button(update: Update, context: ParkContext) -> None:
    """A press no feature recognises (old or forged data) is refused politely."""
    query = update.callback_query
    if query is not None:
        await query.answer(context.tr.t("This button is no longer valid."), show_alert=True)


async def nothing_to_cancel(update: Update, context: ParkContext) -> None:
    """/cancel outside a dialogue: say there was nothing open."""
    await reply(update, context, context.tr.t("There is nothing to cancel."))
