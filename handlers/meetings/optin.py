"""/remindme: a private reminder for meetings you answered Going to."""

from __future__ import annotations

from telegram import Update

from handlers.common.replies import reply
from handlers.context import ParkContext
from handlers.meetings import reminders as meeting_reminders
from storage.unit_of_work import repositories


async def remindme_command(update: Update, context: ParkContext) -> None:
    """Turn private reminders on (default) or off; only in the private chat with the bot."""
    tr = context.tr
    chat = update.effective_chat
    user = update.effective_user
    if chat is None or user is None or chat.type != "private":
        await reply(
            update,
            context,
            tr.t("Send /remindme to me in a private chat: the reminders come there."),
        )
        return
    args = [word.lower() for word in (context.args or [])]
    if args and args[0] not in ("on", "off"):
        await reply(update, context, tr.t("Type /remindme on or /remindme off."))
        return
    enabled = not args or args[0] == "on"
    count = await repositories(context.db).reminders.set_optin(
        user.id, enabled, context.clock.now()
    )
    await meeting_reminders.arm(context.application)
    if enabled:
        text = (
            tr.t("Private reminders on: an hour before each meeting you answered Going to.")
            + " "
            + tr.tn("{count} reminder planned now.", "{count} reminders planned now.", count)
        )
    else:
        text = tr.t("Private reminders off. The group reminders still come.")
    await reply(update, context, text)
