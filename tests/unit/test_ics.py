"""The .ics file parses back to the same instant, keeps its UID and says when it is cancelled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar

from bot.meetings.ics import meeting_calendar

START = datetime(2027, 3, 30, 12, 0, tzinfo=UTC)


def build(**changes: object) -> Calendar:
    values: dict[str, object] = {
        "meeting_id": 7,
        "title": "Satellite data",
        "starts_at": START,
        "duration": 90,
        "place": "https://meet.example/abc",
        "description": "Z-Park, Polytech",
        "sequence": 0,
        "cancelled": False,
        "offsets": (1440, 60),
        "stamp": START - timedelta(days=3),
    }
    values.update(changes)
    return Calendar.from_ical(meeting_calendar(**values))  # type: ignore[arg-type]


def test_parses_back_to_the_same_instant_with_alarms() -> None:
    [event] = build().walk("VEVENT")
    assert event.decoded("dtstart") == START
    assert event.decoded("dtend") == START + timedelta(minutes=90)
    assert str(event["uid"]) == "meeting-7@parkbridge"
    triggers = sorted(alarm.decoded("trigger") for alarm in event.walk("VALARM"))
    assert triggers == [timedelta(days=-1), timedelta(hours=-1)]
    assert str(event["status"]) == "CONFIRMED"


def test_a_reschedule_keeps_the_uid_and_raises_the_sequence() -> None:
    [event] = build(sequence=2, starts_at=START + timedelta(days=1)).walk("VEVENT")
    assert str(event["uid"]) == "meeting-7@parkbridge"
    assert int(event["sequence"]) == 2
    assert event.decoded("dtstart") == START + timedelta(days=1)


def test_a_cancelled_meeting_says_so() -> None:
    calendar = build(cancelled=True, sequence=1)
    [event] = calendar.walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) == 1
    # METHOD:CANCEL requires an ORGANIZER (RFC 5546), which the bot has none to give.
    assert str(calendar["method"]) == "PUBLISH"
    assert "ORGANIZER" not in event
    assert not event.walk("VALARM")
