"""Slots fall inside every zone's working hours on its weekdays, across daylight saving."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.meetings.slots import find_slots

ZONES = ("Asia/Shanghai", "Europe/Moscow", "Europe/Helsinki")


def inside(start: datetime, end: datetime, zone: str) -> bool:
    local_start, local_end = start.astimezone(ZoneInfo(zone)), end.astimezone(ZoneInfo(zone))
    return (
        local_start.weekday() < 5
        and local_start.date() == local_end.date()
        and local_start.time() >= time(9)
        and local_end.time() <= time(18)
    )


@pytest.mark.parametrize(
    "now",
    [
        datetime(2027, 3, 3, 8, 0, tzinfo=UTC),  # winter: Helsinki UTC+2
        datetime(2027, 3, 25, 8, 0, tzinfo=UTC),  # across the switch on Sunday 28 March
        datetime(2027, 7, 14, 8, 0, tzinfo=UTC),  # summer: Helsinki UTC+3
        datetime(2027, 7, 16, 16, 0, tzinfo=UTC),  # a Friday evening: next slots on Monday
    ],
)
@pytest.mark.parametrize("duration", [30, 60, 120])
def test_every_slot_is_inside_everyones_working_hours(now: datetime, duration: int) -> None:
    slots = find_slots(now, ZONES, [], duration)
    assert 1 <= len(slots) <= 5
    for start, end in slots:
        assert end - start == timedelta(minutes=duration)
        assert start > now
        assert all(inside(start, end, zone) for zone in ZONES), (start, end)
    assert slots == sorted(slots)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(slots))


def test_the_common_window_moves_with_finnish_summer_time() -> None:
    winter = find_slots(datetime(2027, 3, 3, 0, 0, tzinfo=UTC), ZONES, [], 60, days=1)
    summer = find_slots(datetime(2027, 7, 14, 0, 0, tzinfo=UTC), ZONES, [], 60, days=1)
    # Winter: Helsinki 09:00 is 07:00 UTC; summer: 06:00 UTC. Beijing ends at 10:00 UTC.
    assert winter[0][0].time() == time(7, 0)
    assert summer[0][0].time() == time(6, 0)
    assert all(end.time() <= time(10, 0) for _, end in winter + summer)


def test_busy_times_are_left_out() -> None:
    now = datetime(2027, 7, 14, 0, 0, tzinfo=UTC)
    busy = [(datetime(2027, 7, 14, 6, 0, tzinfo=UTC), datetime(2027, 7, 14, 9, 0, tzinfo=UTC))]
    slots = find_slots(now, ZONES, busy, 60, days=1)
    assert slots == [
        (datetime(2027, 7, 14, 9, 0, tzinfo=UTC), datetime(2027, 7, 14, 10, 0, tzinfo=UTC))
    ]


def test_no_common_hours_gives_no_slots() -> None:
    now = datetime(2027, 7, 14, 0, 0, tzinfo=UTC)
    assert find_slots(now, ("Asia/Shanghai", "America/Los_Angeles"), [], 60) == []
