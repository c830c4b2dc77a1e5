"""Where the meetings feature plugs into the application: handlers and lifecycle hooks."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.context import ParkContext
from handlers import (
    meeting_changes,
    meeting_dialogue,
    meeting_digests,
    meeting_optin,
    meeting_reminders,
    meeting_slots,
    meeting_views,
)
from handlers.meeting_cards import RSVP_KIND

Handler = BaseHandler[Update, ParkContext, Any]


def dialogues() -> list[Handler]:
    """ConversationHandlers, registered before every other feature handler."""
    return [meeting_dialogue.conversation()]


def handlers() -> list[Handler]:
    """Commands and button handlers, registered with the other features."""
    return [
        CommandHandler("meetings", meeting_views.meetings_command),
        CommandHandler("meeting", meeting_views.meeting_command),
        CommandHandler("ics", meeting_views.ics_command),
        CommandHandler("when", meeting_views.when_command),
        CommandHandler("slots", meeting_slots.slots_command),
        CommandHandler("reschedule", meeting_changes.reschedule_command),
        CommandHandler("cancelmeeting", meeting_changes.cancel_command),
        CommandHandler("digest", meeting_digests.digest_command),
        CommandHandler("remindme", meeting_optin.remindme_command),
        CallbackQueryHandler(meeting_views.rsvp_pressed, pattern=rf"^{RSVP_KIND}:"),
        CallbackQueryHandler(
            meeting_changes.reschedule_pressed, pattern=rf"^{meeting_changes.KIND}:"
        ),
    ]


async def started(app: Any) -> None:
    """Called from post_init once the database is open and migrated."""
    await meeting_reminders.start(app)


async def stopping(app: Any) -> None:
    """Called from post_shutdown before the database closes."""
    await meeting_reminders.stop(app)


async def home_chat_linked(context: ParkContext, delegation_id: int) -> None:
    """A delegation got a (new) home chat: its upcoming meetings' cards and reminders go there."""
