"""An .ics file per meeting that Outlook, Google and Apple calendars import and update."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event

PRODID = "-//parkbridge//meetings//EN"


def uid(meeting_id: int) -> str:
    """Stable across reschedules, so calendars update the event instead of adding one."""
    return f"meeting-{meeting_id}@parkbridge"


def meeting_calendar(
    *,
    meeting_id: int,
    title: str,
    starts_at: datetime,
    duration: int,
    place: str,
    description: str,
    sequence: int,
    cancelled: bool,
    offsets: Sequence[int],
    stamp: datetime,
) -> bytes:
    """One VEVENT with exact UTC instants, an alarm per reminder offset, and its status."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    # PUBLISH even for a cancellation: METHOD:CANCEL needs an ORGANIZER (RFC 5546), which a
    # chat bot has none to give; STATUS:CANCELLED with a raised SEQUENCE updates the event.
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", uid(meeting_id))
    event.add("sequence", sequence)
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", starts_at.astimezone(UTC))
    event.add("dtend", (starts_at + timedelta(minutes=duration)).astimezone(UTC))
    event.add("summary", title)
    if place:
        event.add("location", place)
    if description:
        event.add("description", description)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if not cancelled:
        for minutes in offsets:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", title)
            alarm.add("trigger", timedelta(minutes=-minutes))
            event.add_component(alarm)
    calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
