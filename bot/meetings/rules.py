"""What a valid meeting, reminder offset and digest setting look like, as typed by people."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, time

TITLE_MAX = 120
PLACE_MAX = 300
AGENDA_MAX = 1500
DEFAULT_DURATION = 60
DURATION_MIN, DURATION_MAX = 5, 24 * 60
DEFAULT_OFFSETS = (24 * 60, 60)
OFFSET_MIN, OFFSET_MAX = 5, 14 * 24 * 60
MAX_OFFSETS = 4
MAX_DELEGATIONS = 8
PRIVATE_OFFSET = 60  # the one private reminder /remindme gives: an hour before
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_DIGEST = (0, time(9, 0))  # Monday 09:00 chat time

_DURATION = re.compile(
    r"^\s*(?:(\d{1,2})\s*(?:h|ч|час|часа|часов|小时|t|tunti|tuntia)\s*)?"
    r"(?:(\d{1,4})\s*(?:m|min|мин|минут|分钟|分|min\.?|minuuttia)?)?\s*$",
    re.IGNORECASE,
)
_OFFSET = re.compile(r"^(\d{1,4})(m|min|h|d)?$", re.IGNORECASE)
_CLOCK = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


@dataclass
class MeetingDraft:
    """A meeting being put together in the /meet dialogue."""

    title: str = ""
    starts_at: datetime | None = None  # aware UTC
    zone: str = "UTC"  # the zone the time was read in
    duration: int = DEFAULT_DURATION
    delegation_ids: list[int] = field(default_factory=list)
    place: str = ""
    agenda: str = ""
    project_id: int | None = None


def parse_duration(text: str) -> int | None:
    """Minutes from '90', '90 min', '1h', '1h30', '1 ч 30'; None outside 5 min to 24 h."""
    match = _DURATION.match(text.strip())
    if match is None or not (match.group(1) or match.group(2)):
        return None
    minutes = int(match.group(1) or 0) * 60 + int(match.group(2) or 0)
    return minutes if DURATION_MIN <= minutes <= DURATION_MAX else None


def parse_offsets(words: list[str]) -> tuple[int, ...] | None:
    """Reminder offsets in minutes from '24h 1h 30m 2d' (or 'off' for none); None if unreadable."""
    if len(words) == 1 and words[0].lower() in ("off", "none", "0"):
        return ()
    if not words or len(words) > MAX_OFFSETS:
        return None
    found: set[int] = set()
    for word in words:
        match = _OFFSET.match(word.strip().rstrip(","))
        if match is None:
            return None
        unit = (match.group(2) or "m").lower()
        minutes = int(match.group(1)) * {"m": 1, "min": 1, "h": 60, "d": 1440}[unit]
        if not OFFSET_MIN <= minutes <= OFFSET_MAX:
            return None
        found.add(minutes)
    return tuple(sorted(found, reverse=True))


def offsets_text(offsets: tuple[int, ...]) -> str:
    """'24h 1h' style, as /settings reminders takes them back."""
    parts = []
    for minutes in offsets:
        if minutes % 1440 == 0 and minutes >= 2880:
            parts.append(f"{minutes // 1440}d")
        elif minutes % 60 == 0:
            parts.append(f"{minutes // 60}h")
        else:
            parts.append(f"{minutes}m")
    return " ".join(parts)


def stored_offsets(text: str | None) -> tuple[int, ...]:
    """Offsets as kept in the database ('1440,60'); NULL means the defaults."""
    if text is None:
        return DEFAULT_OFFSETS
    return tuple(int(part) for part in text.split(",") if part)


def parse_digest(words: list[str]) -> tuple[int, time] | str | None:
    """(weekday 0-6, local time) from 'tue 10:00'; the string 'off' to turn it off; else None."""
    if len(words) == 1 and words[0].lower() == "off":
        return "off"
    if len(words) != 2:
        return None
    day = words[0].lower()[:3]
    clock = _CLOCK.match(words[1])
    if day not in WEEKDAYS or clock is None:
        return None
    return WEEKDAYS.index(day), time(int(clock.group(1)), int(clock.group(2)))


def digest_text(setting: tuple[int, time] | None) -> str:
    """'mon 09:00' or 'off', as stored and as /settings digest takes it back."""
    if setting is None:
        return "off"
    return f"{WEEKDAYS[setting[0]]} {setting[1]:%H:%M}"


def stored_digest(text: str | None) -> tuple[int, time] | None:
    """The stored digest setting; NULL means Monday 09:00, 'off' means none."""
    if text is None:
        return DEFAULT_DIGEST
    parsed = parse_digest(text.split())
    return parsed if isinstance(parsed, tuple) else None


def clean_text(text: str, limit: int) -> str | None:
    """Trimmed text with collapsed blank lines, or None if empty or too long."""
    cleaned = "\n".join(line.strip() for line in text.strip().splitlines()).strip()
    if not cleaned or len(cleaned) > limit:
        return None
    return cleaned
