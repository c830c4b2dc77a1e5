"""/reschedule and /cancelmeeting: every participating chat is told, reminders re-planned."""

from __future__ import annotations

import html
from datetime import timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.common.i18n import Tr
from bot.meetings.models import Meeting
from bot.meetings.render import cancelled_text, list_line, moved_text, time_line
from bot.timephrases.reader import read_when
from handlers.common.callbacks import as_id, pack, unpack
from handlers.common.replies import edit_buttons_quietly, reply
from handlers.context import ParkContext
from handlers.meetings import reminders as meeting_reminders
from handlers.meetings.cards import notify_chats, post_cards
from handlers.meetings.common import (
    home_chats,
    may_change,
    may_see,
    meeting_id_argument,
    meeting_places,
    minute_instant,
    participants,
    reading_zone,
)
from handlers.meetings.dialogue import EXAMPLES
from storage.unit_of_work import repositories

KIND = "mr"


async def _meeting_for_change(
    update: Update, context: ParkContext, usage: str
) -> tuple[Meeting, list[str]] | None:
    """The meeting named by the first argument, if the caller may change it."""
    tr = context.tr
    args = list(context.args or [])
    meeting_id = meeting_id_argument(args)
    if meeting_id is None:
        await reply(update, context, tr.t("Which meeting? Type {usage}", usage=usage))
        return None
    meeting = await repositories(context.db).meetings.get(meeting_id)
    if meeting is None or not await may_see(update, context, meeting):
        await reply(update, context, tr.t("There is no meeting #{id} you can see.", id=meeting_id))
        return None
    if meeting.cancelled:
        await reply(update, context, tr.t("Meeting #{id} is already cancelled.", id=meeting_id))
        return None
    if not await may_change(update, context, meeting):
        await reply(
            update,
            context,
            tr.t("Only the organiser and coordinators of its delegations can change this meeting."),
        )
        return None
    return meeting, args[1:]


async def reschedule_command(update: Update, context: ParkContext) -> None:
    """Read the new time and show it in every zone, with a button to confirm."""
    tr = context.tr
    found = await _meeting_for_change(update, context, "/reschedule 12 tomorrow 15:00")
    if found is None:
        return
    meeting, words = found
    typed = " ".join(words)
    zone = await reading_zone(update, context)
    now = context.clock.now()
    reading = read_when(typed, zone, now) if typed else None
    if reading is None:
        await reply(
            update,
            context,
            tr.t(
                "I could not read “{text}” as a time still ahead. Try for example: {examples}",
                text=html.escape(typed),
                examples=html.escape(EXAMPLES),
            )
            + "\n"
            + tr.t("Nothing was changed."),
        )
        return
    where = await meeting_places(context.db, meeting)
    lines = [
        tr.t("Move meeting #{id} “{title}”?", id=meeting.id, title=html.escape(meeting.title)),
        tr.t("Was: {time}", time=time_line(tr, meeting.starts_at, where, zone)),
        tr.t("Now: {time}", time=time_line(tr, reading.instant, where, zone)),
    ]
    ends = reading.instant + timedelta(minutes=meeting.duration)
    clashes = await repositories(context.db).meetings.overlapping(
        list(meeting.delegation_ids), reading.instant, ends, except_id=meeting.id
    )
    if clashes:
        lines.append("⚠️ " + tr.t("It overlaps other meetings of these delegations:"))
        lines += [list_line(tr, m.id, m.title, m.starts_at, zone) for m in clashes]
    minute = str(int(reading.instant.timestamp()) // 60)
    data = pack(KIND, str(meeting.id), str(meeting.sequence), minute)
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("✅ " + tr.t("Move it"), callback_data=data),
                InlineKeyboardButton(
                    "✖️ " + tr.t("Keep it"), callback_data=pack(KIND, str(meeting.id), "keep")
                ),
            ]
        ]
    )
    await reply(update, context, "\n".join(lines), reply_markup=markup)


async def reschedule_pressed(update: Update, context: ParkContext) -> None:
    """Apply a confirmed move, if the meeting is still as it was shown and the presser may."""
    query = update.callback_query
    assert query is not None
    tr = context.tr
    invalid = tr.t("This button is no longer valid.")
    refused = tr.t(
        "Only the organiser and coordinators of its delegations can change this meeting."
    )
    keep = unpack(query.data, KIND, 2)
    if keep is not None and keep.args[1] == "keep":
        meeting_id = as_id(keep.args[0])
        kept = (
            None if meeting_id is None else await repositories(context.db).meetings.get(meeting_id)
        )
        if kept is None:
            await query.answer(invalid, show_alert=True)
            return
        if not await may_change(update, context, kept):
            await query.answer(refused, show_alert=True)
            return
        await query.answer(tr.t("Nothing was changed."))
        await edit_buttons_quietly(query, None)
        return
    parsed = unpack(query.data, KIND, 3)
    now = context.clock.now()
    meeting_id = None if parsed is None else as_id(parsed.args[0])
    seq = None if parsed is None else as_id(parsed.args[1])
    starts = None if parsed is None else minute_instant(parsed.args[2], now)
    if meeting_id is None or seq is None or starts is None:
        await query.answer(invalid, show_alert=True)
        return
    meeting = await repositories(context.db).meetings.get(meeting_id)
    if meeting is None or meeting.cancelled or meeting.sequence != seq:
        await query.answer(invalid, show_alert=True)
        return
    if not await may_change(update, context, meeting):
        await query.answer(refused, show_alert=True)
        return
    zone = await reading_zone(update, context)
    found = await participants(context.db, meeting.delegation_ids)
    targets = [c for c in home_chats(found) if await _active(context, c)]
    async with context.db.write() as tx:
        if not await repositories(tx).meetings.reschedule(meeting.id, starts, zone, seq, now):
            moved = False
        else:
            moved = True
            await repositories(tx).reminders.void_meeting(meeting.id, "meeting moved", now)
            for chat_id in targets:
                await repositories(tx).reminders.plan_chat(meeting.id, chat_id, starts, now)
    if not moved:
        await query.answer(invalid, show_alert=True)
        return
    await query.answer(tr.t("Saved."))
    await edit_buttons_quietly(query, None)
    await meeting_reminders.arm(context.application)
    updated = await repositories(context.db).meetings.get(meeting.id)
    assert updated is not None
    where = await meeting_places(context.db, updated)

    def header(reader: Tr) -> str:
        return moved_text(reader, updated.id, updated.title, meeting.starts_at, starts, where, zone)

    posted = await post_cards(context, updated, targets, header)
    await reply(
        update,
        context,
        tr.tn(
            "Meeting #{id} moved; {count} chat was told.",
            "Meeting #{id} moved; {count} chats were told.",
            len(posted),
            id=updated.id,
        ),
    )


async def cancel_command(update: Update, context: ParkContext) -> None:
    """Call a meeting off at once, with an optional reason; every chat is told."""
    tr = context.tr
    found = await _meeting_for_change(update, context, "/cancelmeeting 12 [reason]")
    if found is None:
        return
    meeting, words = found
    reason = " ".join(words)[:300]
    now = context.clock.now()
    async with context.db.write() as tx:
        cancelled = await repositories(tx).meetings.cancel(meeting.id, reason, now)
        if cancelled:
            await repositories(tx).reminders.void_meeting(meeting.id, "meeting cancelled", now)
    if not cancelled:
        await reply(update, context, tr.t("Meeting #{id} is already cancelled.", id=meeting.id))
        return
    await meeting_reminders.arm(context.application)
    parts = await participants(context.db, meeting.delegation_ids)
    where = await meeting_places(context.db, meeting)
    targets = [c for c in home_chats(parts) if await _active(context, c)]

    def render(reader: Tr, zone: str) -> str:
        return cancelled_text(
            reader, meeting.id, meeting.title, meeting.starts_at, where, zone, reason
        )

    told = await notify_chats(context.bot, context.db, context.settings, targets, render)
    chat = update.effective_chat
    if chat is None or chat.id not in told:
        await reply(
            update,
            context,
            tr.tn(
                "Meeting #{id} cancelled; {count} chat was told.",
                "Meeting #{id} cancelled; {count} chats were told.",
                len(told),
                id=meeting.id,
            ),
        )


async def _active(context: ParkContext, chat_id: int) -> bool:
    record = await repositories(context.db).chats.get_chat(chat_id)
    return record is not None and record.active
