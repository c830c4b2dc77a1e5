"""Durations, reminder offsets, digest settings and the time line read as people mean them."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from bot.common.i18n import translator
from bot.meetings.digest import is_due, last_slot
from bot.meetings.render import Place, time_line
from bot.meetings.rules import offsets_text, parse_digest, parse_duration, parse_offsets

PLACES = (
    Place("Z-Park", "Beijing", "Asia/Shanghai"),
    Place("Polytech", "St Petersburg", "Europe/Moscow"),
    Place("Savonlinna Business", "Savonlinna", "Europe/Helsinki"),
)


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("90", 90),
        ("90 min", 90),
        ("1h", 60),
        ("1h30", 90),
        ("2 ч", 120),
        ("4", None),
        ("25h", None),
        ("soon", None),
        ("", None),
    ],
)
def test_durations(typed: str, minutes: int | None) -> None:
    assert parse_duration(typed) == minutes


def test_offsets() -> None:
    assert parse_offsets(["24h", "1h"]) == (1440, 60)
    assert parse_offsets(["30m", "2d", "1h"]) == (2880, 60, 30)
    assert parse_offsets(["off"]) == ()
    assert parse_offsets(["1m"]) is None
    assert parse_offsets(["tomorrow"]) is None
    assert offsets_text((2880, 1440, 60, 30)) == "2d 24h 1h 30m"


def test_digest_settings() -> None:
    assert parse_digest(["tue", "10:00"]) == (1, time(10, 0))
    assert parse_digest(["Monday", "9.30"]) == (0, time(9, 30))
    assert parse_digest(["off"]) == "off"
    assert parse_digest(["someday", "10:00"]) is None
    assert parse_digest(["mon", "25:00"]) is None


def test_digest_slot_in_the_chat_zone_and_sent_once() -> None:
    now = datetime(2027, 7, 26, 6, 30, tzinfo=UTC)  # Monday 09:30 in Helsinki (UTC+3)
    slot = last_slot(now, "Europe/Helsinki", 0, time(9, 0))
    assert slot == datetime(2027, 7, 26, 6, 0, tzinfo=UTC)
    assert is_due(now, slot, None)
    assert not is_due(now, slot, slot)
    assert last_slot(datetime(2027, 7, 26, 5, 0, tzinfo=UTC), "Europe/Helsinki", 0, time(9)) == (
        datetime(2027, 7, 19, 6, 0, tzinfo=UTC)
    )


@pytest.mark.parametrize(
    ("language", "moment", "expected"),
    [
        (
            "en",
            datetime(2027, 7, 28, 12, tzinfo=UTC),
            "Wed 28 Jul · Beijing 20:00 · St Petersburg 15:00 · Savonlinna 15:00",
        ),
        (
            "en",
            datetime(2027, 3, 3, 12, tzinfo=UTC),
            "Wed 3 Mar · Beijing 20:00 · St Petersburg 15:00 · Savonlinna 14:00",
        ),
        (
            "ru",
            datetime(2027, 7, 28, 12, tzinfo=UTC),
            "ср, 28 июл. · Beijing 20:00 · St Petersburg 15:00 · Savonlinna 15:00",
        ),
        (
            "en",
            datetime(2027, 7, 28, 18, tzinfo=UTC),
            "Wed 28 Jul · Beijing 02:00 (Thu 29 Jul) · St Petersburg 21:00 · Savonlinna 21:00",
        ),
    ],
)
def test_time_line(language: str, moment: datetime, expected: str) -> None:
    assert time_line(translator(language), moment, PLACES, "Europe/Moscow") == expected
