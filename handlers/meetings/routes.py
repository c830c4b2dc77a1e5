"""The meetings feature's route table, and where it plugs into the application's lifecycle."""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.common.i18n import Tr
from bot.delegations.events import HomeChatLinked
from bot.meetings.commands import MEETING_COMMANDS
from handlers.common.events import Events
from handlers.common.routing import FeatureRoutes, command
from handlers.context import ParkContext
from handlers.meetings import changes as meeting_changes
from handlers.meetings import dialogue as meeting_dialogue
from handlers.meetings import digests as meeting_digests
from handlers.meetings import optin as meeting_optin
from handlers.meetings import reminders as meeting_reminders
from handlers.meetings import slots as meeting_slots
from handlers.meetings import views as meeting_views
from handlers.meetings.cards import RSVP_KIND, post_cards
from storage.unit_of_work import repositories

Handler = BaseHandler[Update, ParkContext, Any]
log = logging.getLogger(__name__)
LINKED_CARDS = 10  # cards posted at most when a delegation links a home chat


def routes() -> FeatureRoutes:
    """Handlers for the meetings feature's commands, dialogue and buttons."""
    return FeatureRoutes(
        "meetings",
        MEETING_COMMANDS,
        dialogues=(meeting_dialogue.conversation(),),
        handlers=(
            command("meetings", meeting_views.meetings_command),
            command("meeting", meeting_views.meeting_command),
            command("ics", meeting_views.ics_command),
            command("when", meeting_views.when_command),
            command("slots", meeting_slots.slots_command),
            command("reschedule", meeting_changes.reschedule_command),
            command("cancelmeeting", meeting_changes.cancel_command),
            command("digest", meeting_digests.digest_command),
            command("remindme", meeting_optin.remindme_command),
            CallbackQueryHandler(meeting_views.rsvp_pressed, pattern=rf"^{RSVP_KIND}:"),
            CallbackQueryHandler(
                meeting_changes.reschedule_pressed, pattern=rf"^{meeting_changes.KIND}:"
            ),
        ),
        hidden=frozenset({"cancel"}),
    )


def subscribe(events: Events) -> None:
    """What the meetings feature does when other features' things happen."""
    events.subscribe(HomeChatLinked, home_chat_linked)


async def started(app: Any) -> None:
    """Called from post_init once the database is open and migrated."""
    await meeting_reminders.start(app)


async def stopping(app: Any) -> None:
    """Called from post_shutdown before the database closes."""
    await meeting_reminders.stop(app)


async def home_chat_linked(context: ParkContext, event: HomeChatLinked) -> None:
    """A delegation got a (new) home chat: its upcoming meetings' cards and reminders go there.

    Reminders are planned for the new chat; unsent ones planned for a chat that is no longer
    home to any participating delegation (the old home chat) are voided. The card of each
    upcoming meeting (at most LINKED_CARDS, soonest first) is posted unless the chat already
    shows it.
    """
    now = context.clock.now()
    delegation_id = event.delegation_id
    meeting_ids = await repositories(context.db).reminders.replan_delegation(delegation_id, now)
    await meeting_reminders.arm(context.application)
    delegation = await repositories(context.db).delegations.by_id(delegation_id)
    if delegation is None or delegation.home_chat_id is None:
        return
    chat_id = delegation.home_chat_id

    def header(reader: Tr) -> str:
        return "📌 " + reader.t("Upcoming meeting")

    if len(meeting_ids) > LINKED_CARDS:
        log.info(
            "delegation %s has %d upcoming meetings; posting the first %d cards",
            delegation_id,
            len(meeting_ids),
            LINKED_CARDS,
        )
    for meeting_id in meeting_ids[:LINKED_CARDS]:
        meeting = await repositories(context.db).meetings.get(meeting_id)
        if meeting is None or meeting.cancelled:
            continue
        shown = await repositories(context.db).meetings.cards(meeting.id, meeting.sequence)
        if any(card.chat_id == chat_id for card in shown):
            continue
        await post_cards(context, meeting, [chat_id], header)
