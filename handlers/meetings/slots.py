"""/slots: times inside every named delegation's working hours, each a button to /meet."""

from __future__ import annotations

import html
from datetime import timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.meetings.render import time_line
from bot.meetings.rules import DEFAULT_DURATION, DURATION_MAX, DURATION_MIN, MAX_DELEGATIONS
from bot.meetings.slots import DEFAULT_DAYS, MAX_DAYS, find_slots, horizon
from handlers.common.arguments import argument_text
from handlers.common.callbacks import as_id
from handlers.common.replies import reply
from handlers.context import ParkContext
from handlers.meetings.common import places, reading_zone, resolve_names
from handlers.meetings.dialogue import slot_data
from storage.unit_of_work import repositories

USAGE = "/slots Z-Park Polytech Savonlinna days=5 duration=60"


def _options(words: list[str]) -> tuple[list[str], int | None, int | None]:
    """Split 'days=N' and 'duration=M' from the names; None for an unreadable number."""
    names: list[str] = []
    days: int | None = DEFAULT_DAYS
    duration: int | None = DEFAULT_DURATION
    for word in words:
        key, _, value = word.partition("=")
        number = as_id(value)
        if key.lower() == "days" and value:
            days = number if number is not None and 1 <= number <= MAX_DAYS else None
        elif key.lower() == "duration" and value:
            ok = number is not None and DURATION_MIN <= number <= DURATION_MAX
            duration = number if ok else None
        else:
            names.append(word)
    return names, days, duration


async def slots_command(update: Update, context: ParkContext) -> None:
    """Propose up to five slots; a button under each starts /meet at that time."""
    tr = context.tr
    names, days, duration = _options(argument_text(update).split())
    if days is None or duration is None:
        await reply(
            update,
            context,
            tr.t(
                "days= takes 1 to {days}, duration= takes {low} to {high} minutes. "
                "For example: {usage}",
                days=MAX_DAYS,
                low=DURATION_MIN,
                high=DURATION_MAX,
                usage=html.escape(USAGE),
            ),
        )
        return
    found, unknown = await resolve_names(context.db, " ".join(names))
    if unknown or not found:
        await reply(
            update,
            context,
            tr.t(
                "I know no delegation called “{names}”. /delegations lists them all.",
                names=html.escape(", ".join(unknown) or "…"),
            )
            + "\n"
            + tr.t("For example: {usage}", usage=html.escape(USAGE)),
        )
        return
    found = found[:MAX_DELEGATIONS]
    now = context.clock.now()
    zones = [d.timezone for d in found]
    until = horizon(now, zones, days)
    busy = await repositories(context.db).meetings.busy(
        [d.id for d in found], now - timedelta(days=1), until
    )
    proposals = find_slots(now, zones, busy, duration, days)
    zone = await reading_zone(update, context)
    where = places(found)
    if not proposals:
        await reply(
            update,
            context,
            tr.t(
                "No free {minutes} minutes inside everyone's working hours (09:00–18:00, "
                "Monday to Friday) in the next {days} working days. Try days=10 or a shorter "
                "duration.",
                minutes=duration,
                days=days,
            ),
        )
        return
    lines = [tr.t("<b>Free for everyone</b> (09:00–18:00 local time, Monday to Friday):")]
    rows = []
    for index, (start, _end) in enumerate(proposals, start=1):
        lines.append(f"{index}. {time_line(tr, start, where, zone)}")
        data = slot_data(start, duration, [d.id for d in found])
        if data is not None:
            label = f"{index}. " + tr.t("Schedule")
            rows.append([InlineKeyboardButton(label, callback_data=data)])
    await reply(
        update, context, "\n".join(lines), reply_markup=InlineKeyboardMarkup(rows) if rows else None
    )
