"""How a meeting reads: the time in every delegation's zone, cards, reminders and notices."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_skeleton, format_time

from bot.common.i18n import Tr
from bot.common.notices import multilingual

ANSWER_MARKS = {"going": "✅", "maybe": "🤔", "no": "❌"}


@dataclass(frozen=True)
class Place:
    """A participating delegation as the time line shows it."""

    name: str
    city: str
    zone: str


@dataclass(frozen=True)
class Tally:
    """RSVP counts of one answer: total, and names per delegation name."""

    answer: str
    by_delegation: dict[str, list[str]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Everyone who gave this answer."""
        return sum(len(names) for names in self.by_delegation.values())


@dataclass(frozen=True)
class CardView:
    """Everything a meeting card shows; translations are already escaped HTML lines."""

    id: int
    title: str
    starts_at: datetime
    duration: int
    places: tuple[Place, ...]
    place: str
    agenda: str
    cancelled: bool
    tallies: tuple[Tally, ...]
    title_lines: tuple[str, ...] = ()
    agenda_lines: tuple[str, ...] = ()
    project_id: int | None = None
    project_title: str = ""


def day_text(tr: Tr, moment: datetime, zone: ZoneInfo) -> str:
    """Weekday and date as the reader's language writes them ('Tue 28 Jul', '7月28日周二')."""
    return format_skeleton("MMMEd", moment, tzinfo=zone, locale=tr.locale)


def clock_text(tr: Tr, moment: datetime, zone: ZoneInfo) -> str:
    """24-hour wall time in a zone."""
    return format_time(moment, "HH:mm", tzinfo=zone, locale=tr.locale)


def time_line(tr: Tr, moment: datetime, places: Sequence[Place], reader_zone: str) -> str:
    """'Tue 28 Jul · Beijing 20:00 · St Petersburg 15:00'; a city on another date says which."""
    reader = ZoneInfo(reader_zone)
    reader_day = moment.astimezone(reader).date()
    parts = [day_text(tr, moment, reader)]
    shown: set[tuple[str, str]] = set()
    for place in places:
        key = (place.city.casefold(), place.zone)
        if key in shown:
            continue
        shown.add(key)
        zone = ZoneInfo(place.zone)
        text = f"{html.escape(place.city)} {clock_text(tr, moment, zone)}"
        if moment.astimezone(zone).date() != reader_day:
            text += f" ({day_text(tr, moment, zone)})"
        parts.append(text)
    if not places:
        parts.append(f"{clock_text(tr, moment, reader)} ({html.escape(reader_zone)})")
    return " · ".join(parts)


def duration_text(tr: Tr, minutes: int) -> str:
    """'60 min' in the reader's language."""
    return tr.tn("{count} minute", "{count} minutes", minutes)


def lead_text(tr: Tr, minutes: int) -> str:
    """How long until the meeting starts, rounded the way people say it."""
    if minutes >= 2 * 1440 and minutes % 1440 < 60:
        return tr.tn("Starts in {count} day", "Starts in {count} days", minutes // 1440)
    if minutes >= 120 or (minutes >= 60 and minutes % 60 == 0):
        return tr.tn("Starts in {count} hour", "Starts in {count} hours", round(minutes / 60))
    return tr.tn("Starts in {count} minute", "Starts in {count} minutes", max(minutes, 1))


def tally_line(tallies: Sequence[Tally]) -> str:
    """'✅ 3 (Z-Park 2, Polytech 1) · 🤔 1 (Z-Park 1) · ❌ 0': counts by delegation."""
    parts = []
    for tally in tallies:
        text = f"{ANSWER_MARKS[tally.answer]} {tally.total}"
        groups = [
            f"{html.escape(name)} {len(names)}" for name, names in tally.by_delegation.items()
        ]
        if groups:
            text += f" ({', '.join(groups)})"
        parts.append(text)
    return " · ".join(parts)


def card_text(view: CardView, languages: Sequence[str], reader_zone: str) -> str:
    """The card, with the bot's words in each of `languages` and people's words once."""
    body = card_body(view, languages, reader_zone)
    return body if view.cancelled else body + "\n" + tally_line(view.tallies)


def counts_text(view: CardView) -> str:
    """The short last message of a card too long for one: which meeting, and its counts."""
    return f"📅 <b>{html.escape(view.title)}</b> · #{view.id}\n{tally_line(view.tallies)}"


def card_body(view: CardView, languages: Sequence[str], reader_zone: str) -> str:
    """Everything on the card but the RSVP counts."""
    lines = [f"📅 <b>{html.escape(view.title)}</b> · #{view.id}", *view.title_lines]

    def words(tr: Tr) -> str:
        block = []
        if view.cancelled:
            block.append("❌ " + tr.t("Cancelled"))
        block.append(
            "🕒 "
            + time_line(tr, view.starts_at, view.places, reader_zone)
            + " · "
            + duration_text(tr, view.duration)
        )
        return "\n".join(block)

    lines.append(multilingual(languages, words))
    if view.places:
        lines.append("👥 " + ", ".join(html.escape(place.name) for place in view.places))
    if view.place:
        lines.append("📍 " + html.escape(view.place))
    if view.agenda:
        lines.append("📝 " + html.escape(view.agenda))
        lines.extend(view.agenda_lines)
    if view.project_id is not None:
        project = f"🧩 #{view.project_id}"
        if view.project_title:
            project += " " + html.escape(view.project_title)
        lines.append(project)
    return "\n".join(lines)


def reminder_text(
    tr: Tr,
    title: str,
    starts_at: datetime,
    now: datetime,
    places: Sequence[Place],
    place: str,
    reader_zone: str,
    delayed: bool,
) -> str:
    """One language's reminder: how soon, what, when in every zone, where."""
    minutes = max(int((starts_at - now).total_seconds() // 60), 1)
    lines = [f"⏰ {lead_text(tr, minutes)}: <b>{html.escape(title)}</b>"]
    lines.append("🕒 " + time_line(tr, starts_at, places, reader_zone))
    if place:
        lines.append("📍 " + html.escape(place))
    if delayed:
        lines.append("⚠️ " + tr.t("Sent late: the bot was offline at the planned time."))
    return "\n".join(lines)


def moved_text(
    tr: Tr,
    meeting_id: int,
    title: str,
    old: datetime,
    new: datetime,
    places: Sequence[Place],
    reader_zone: str,
) -> str:
    """One language's notice that a meeting moved, and that answers must be given again."""
    return "\n".join(
        (
            "🔁 "
            + tr.t(
                "Meeting #{id} “{title}” has moved.",
                id=meeting_id,
                title=html.escape(title),
            ),
            tr.t("Was: {time}", time=time_line(tr, old, places, reader_zone)),
            tr.t("Now: {time}", time=time_line(tr, new, places, reader_zone)),
            tr.t("Earlier answers were cleared: please answer again on the new card."),
        )
    )


def cancelled_text(
    tr: Tr,
    meeting_id: int,
    title: str,
    starts_at: datetime,
    places: Sequence[Place],
    reader_zone: str,
    reason: str,
) -> str:
    """One language's notice that a meeting was called off."""
    lines = [
        "❌ "
        + tr.t("Meeting #{id} “{title}” is cancelled.", id=meeting_id, title=html.escape(title)),
        "🕒 " + time_line(tr, starts_at, places, reader_zone),
    ]
    if reason:
        lines.append(tr.t("Reason: {reason}", reason=html.escape(reason)))
    return "\n".join(lines)


def list_line(tr: Tr, meeting_id: int, title: str, starts_at: datetime, zone: str) -> str:
    """'#12 Title — Tue 28 Jul 15:00' in the reader's zone, for /meetings and the digest."""
    tz = ZoneInfo(zone)
    when = f"{day_text(tr, starts_at, tz)} {clock_text(tr, starts_at, tz)}"
    return f"#{meeting_id} <b>{html.escape(title)}</b> — {when}"
