"""Reading meetings: /meetings, /meeting ID, /ics ID, /when TEXT, and the RSVP buttons."""

from __future__ import annotations

import html

from telegram import InputFile, Update

from bot.common.i18n import Tr
from bot.meetings.ics import meeting_calendar
from bot.meetings.models import Meeting
from bot.meetings.render import Place, list_line, time_line
from bot.meetings.services import RsvpRefusal, answer_rsvp
from bot.timephrases.reader import read_when
from handlers.common.arguments import argument_text
from handlers.common.callbacks import as_id, unpack
from handlers.common.replies import reply
from handlers.context import ParkContext
from handlers.meetings import reminders as meeting_reminders
from handlers.meetings.cards import ANSWER_CODES, RSVP_KIND, refresh_cards, show_card
from handlers.meetings.common import (
    may_see,
    meeting_id_argument,
    participants,
    places,
    reading_zone,
    viewer_delegations,
)
from handlers.meetings.dialogue import EXAMPLES
from storage.unit_of_work import repositories

LIST_LIMIT = 20
ALERT_LIMIT = 200


async def meetings_command(update: Update, context: ParkContext) -> None:
    """Upcoming meetings of this chat's delegations (in private: of yours), in your zone."""
    tr = context.tr
    found = await viewer_delegations(update, context)
    if not found:
        await reply(
            update,
            context,
            tr.t(
                "No delegation has this chat as its home chat (in private: you are in no "
                "delegation). /delegations lists them."
            ),
        )
        return
    zone = await reading_zone(update, context)
    upcoming = await repositories(context.db).meetings.upcoming(
        [d.id for d in found], context.clock.now(), None, LIST_LIMIT
    )
    if not upcoming:
        await reply(update, context, tr.t("No upcoming meetings."))
        return
    lines = [tr.t("<b>Upcoming meetings</b> ({zone})", zone=html.escape(zone))]
    lines += [list_line(tr, m.id, m.title, m.starts_at, zone) for m in upcoming]
    lines.append(tr.t("A meeting's card: /meeting {id}", id=upcoming[0].id))
    await reply(update, context, "\n".join(lines))


async def _visible(update: Update, context: ParkContext, usage: str) -> Meeting | None:
    """The meeting named by the first argument, if the caller may see it (else explained)."""
    tr = context.tr
    args = list(context.args or [])
    meeting_id = meeting_id_argument(args)
    if meeting_id is None:
        await reply(update, context, usage)
        return None
    meeting = await repositories(context.db).meetings.get(meeting_id)
    if meeting is None or not await may_see(update, context, meeting):
        await reply(update, context, tr.t("There is no meeting #{id} you can see.", id=meeting_id))
        return None
    return meeting


async def meeting_command(update: Update, context: ParkContext) -> None:
    """A meeting's card, with RSVP buttons (it becomes this chat's live card)."""
    usage = context.tr.t("Which meeting? Type /meeting 12 (/meetings lists them).")
    meeting = await _visible(update, context, usage)
    if meeting is not None:
        await show_card(context, update, meeting)


async def ics_command(update: Update, context: ParkContext) -> None:
    """The meeting as an .ics file for Outlook, Google Calendar and Apple Calendar."""
    usage = context.tr.t("Which meeting? Type /ics 12 (/meetings lists them).")
    meeting = await _visible(update, context, usage)
    chat = update.effective_chat
    if meeting is None or chat is None:
        return
    found = await participants(context.db, meeting.delegation_ids)
    offsets = (
        await repositories(context.db).reminders.get_offsets(chat.id)
        if chat.type != "private"
        else (24 * 60, 60)
    )
    description = "\n".join(
        part for part in (", ".join(d.name for d in found), meeting.agenda) if part
    )
    data = meeting_calendar(
        meeting_id=meeting.id,
        title=meeting.title,
        starts_at=meeting.starts_at,
        duration=meeting.duration,
        place=meeting.place,
        description=description,
        sequence=meeting.sequence,
        cancelled=meeting.cancelled,
        offsets=offsets,
        stamp=context.clock.now(),
    )
    caption = f"📅 <b>{html.escape(meeting.title)}</b> · #{meeting.id}"
    await context.bot.send_document(
        chat.id,
        InputFile(data, filename=f"meeting-{meeting.id}.ics"),
        caption=caption,
    )


async def when_command(update: Update, context: ParkContext) -> None:
    """How a time phrase is read here, in every zone of the chat's delegations; nothing saved."""
    tr = context.tr
    typed = argument_text(update)
    zone = await reading_zone(update, context)
    reading = read_when(typed, zone, context.clock.now()) if typed else None
    if reading is None:
        shown = html.escape(typed) if typed else "…"
        await reply(
            update,
            context,
            tr.t(
                "I could not read “{text}” as a time still ahead. Try for example: {examples}",
                text=shown,
                examples=html.escape(EXAMPLES),
            ),
        )
        return
    shown_places = places(await viewer_delegations(update, context))
    if reading.zone not in {place.zone for place in shown_places}:
        city = reading.zone.rsplit("/", 1)[-1].replace("_", " ")
        shown_places = (*shown_places, Place(reading.zone, city, reading.zone))
    lines = [
        tr.t("“{text}” reads as:", text=html.escape(typed)),
        "🕒 " + time_line(tr, reading.instant, shown_places, reading.zone),
        f"UTC {reading.instant:%Y-%m-%d %H:%M} · {html.escape(reading.zone)} "
        f"{reading.local.isoformat()}",
    ]
    await reply(update, context, "\n".join(lines))


async def rsvp_pressed(update: Update, context: ParkContext) -> None:
    """Going / Maybe / Can't from members of a participating delegation; Who answered for all."""
    query = update.callback_query
    assert query is not None
    tr = context.tr
    invalid = tr.t("This button is no longer valid.")
    parsed = unpack(query.data, RSVP_KIND, 3)
    meeting_id = None if parsed is None else as_id(parsed.args[0])
    sequence = None if parsed is None else as_id(parsed.args[1])
    if parsed is None or meeting_id is None or sequence is None:
        await query.answer(invalid, show_alert=True)
        return
    code = parsed.args[2]
    if code == "w":
        await _who_answered(update, context, meeting_id, sequence)
        return
    if code not in ANSWER_CODES:
        await query.answer(invalid, show_alert=True)
        return
    now = context.clock.now()
    outcome = await answer_rsvp(
        context.store, meeting_id, query.from_user.id, ANSWER_CODES[code], now, sequence
    )
    if outcome.answer is None or outcome.meeting is None:
        await query.answer(_refusal(tr, outcome.refusal, meeting_id), show_alert=True)
        return
    await query.answer(
        {
            "going": tr.t("You are going."),
            "maybe": tr.t("You might come."),
            "no": tr.t("You can't come."),
        }[outcome.answer]
    )
    await refresh_cards(context, outcome.meeting)
    await meeting_reminders.arm(context.application)


def _refusal(tr: Tr, refusal: RsvpRefusal | None, meeting_id: int) -> str:
    """Why a press was not taken, as the presser reads it."""
    if refusal is RsvpRefusal.CANCELLED:
        return tr.t("This meeting is cancelled.")
    if refusal is RsvpRefusal.MOVED:
        return tr.t(
            "This meeting has moved; answer on its newest card (/meeting {id}).", id=meeting_id
        )
    if refusal is RsvpRefusal.OVER:
        return tr.t("This meeting is over.")
    if refusal is RsvpRefusal.NOT_MEMBER:
        return tr.t("Only members of the participating delegations can answer.")
    return tr.t("This button is no longer valid.")


async def _who_answered(
    update: Update, context: ParkContext, meeting_id: int, sequence: int
) -> None:
    """Who answered what, for those who may see the meeting, on its newest card only."""
    query = update.callback_query
    assert query is not None
    meeting = await repositories(context.db).meetings.get(meeting_id)
    if meeting is None or not await may_see(update, context, meeting):
        refusal = RsvpRefusal.UNKNOWN
    elif meeting.cancelled:
        refusal = RsvpRefusal.CANCELLED
    elif meeting.sequence != sequence:
        refusal = RsvpRefusal.MOVED
    else:
        await query.answer(await _who(context, meeting), show_alert=True)
        return
    await query.answer(_refusal(context.tr, refusal, meeting_id), show_alert=True)


async def _who(context: ParkContext, meeting: Meeting) -> str:
    """Names by answer, short enough for an alert."""
    tr = context.tr
    given = await repositories(context.db).meetings.answers(meeting.id)
    if not given:
        return tr.t("Nobody has answered yet.")
    lines = []
    for answer, mark in (("going", "✅"), ("maybe", "🤔"), ("no", "❌")):
        names = [a.first_name for a in given if a.answer == answer]
        if names:
            lines.append(f"{mark} {', '.join(names)}")
    text = "\n".join(lines)
    return text if len(text) <= ALERT_LIMIT else text[: ALERT_LIMIT - 1] + "…"
