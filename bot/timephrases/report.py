"""`parkbridge when TEXT --tz ZONE [--now ISO]`: show how the bot would read a meeting time."""

from __future__ import annotations

from datetime import datetime

from bot.common.clock import SystemClock
from bot.common.timezones import canonical_zone
from bot.timephrases.reader import read_when

EXIT_OK = 0
EXIT_UNREADABLE = 1
EXIT_BAD_ARGUMENT = 2


def when_cli(text: str, zone: str, now_iso: str | None) -> tuple[str, int]:
    """One output line and exit status, so the CLI wiring stays a thin print-and-exit."""
    canonical = canonical_zone(zone)
    if canonical is None:
        return (
            f'unknown time zone "{zone}"; use an IANA name such as Europe/Helsinki',
            EXIT_BAD_ARGUMENT,
        )
    now = SystemClock().now() if now_iso is None else _parse_now(now_iso)
    if now is None:
        return (
            f'--now "{now_iso}" is not an ISO 8601 date-time with a UTC offset, '
            "e.g. 2026-07-28T09:00:00+03:00",
            EXIT_BAD_ARGUMENT,
        )
    reading = read_when(text, canonical, now)
    if reading is None:
        return (
            f'could not read "{text}" as a time; try e.g. "tomorrow 15:00" or "2026-07-28 14:00"',
            EXIT_UNREADABLE,
        )
    return reading.local.isoformat(), EXIT_OK


def _parse_now(text: str) -> datetime | None:
    """An aware datetime from ISO 8601; a naive one is refused since its zone would be a guess."""
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return parsed if parsed.utcoffset() is not None else None
