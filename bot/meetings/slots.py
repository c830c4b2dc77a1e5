"""Meeting slots that fall inside every delegation's working hours: a pure function."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

WORK_START = time(9, 0)
WORK_END = time(18, 0)
STEP = timedelta(minutes=30)
MAX_SLOTS = 5
PER_DAY = 2  # spread proposals over days instead of filling the first morning
DEFAULT_DAYS = 5
MAX_DAYS = 20

Interval = tuple[datetime, datetime]


def _inside_working_hours(start: datetime, end: datetime, zone: ZoneInfo) -> bool:
    local_start = start.astimezone(zone)
    local_end = end.astimezone(zone)
    if local_start.weekday() >= 5 or local_start.date() != local_end.date():
        return False
    return local_start.time() >= WORK_START and local_end.time() <= WORK_END


def _overlaps(start: datetime, end: datetime, busy: Sequence[Interval]) -> bool:
    return any(start < busy_end and busy_start < end for busy_start, busy_end in busy)


def horizon(now: datetime, zones: Sequence[str], days: int) -> datetime:
    """End of the `days`-th working day (Mon–Fri) from today, as the first zone counts days."""
    zone = ZoneInfo(zones[0]) if zones else UTC
    day = now.astimezone(zone).date()
    counted = 0
    while True:
        if day.weekday() < 5:
            counted += 1
            if counted >= days:
                break
        day += timedelta(days=1)
    end_local = datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=zone)
    # Zones further west still work after the first zone's midnight.
    return end_local.astimezone(UTC) + timedelta(hours=14)


def find_slots(
    now: datetime,
    zones: Sequence[str],
    busy: Sequence[Interval],
    duration: int,
    days: int = DEFAULT_DAYS,
    limit: int = MAX_SLOTS,
) -> list[Interval]:
    """Up to `limit` non-overlapping (start, end) UTC slots inside 09:00–18:00 local of every zone.

    Candidates start on the half hour, after `now`, on each zone's Monday to Friday, and do not
    overlap `busy`; at most two a day (by the first zone's calendar) unless fewer would be found.
    """
    tzs = [ZoneInfo(name) for name in dict.fromkeys(zones)]
    length = timedelta(minutes=duration)
    now_utc = now.astimezone(UTC)
    start = now_utc.replace(second=0, microsecond=0)
    start += timedelta(minutes=(-start.minute) % 30)
    if start <= now_utc:
        start += STEP
    end_of_search = horizon(now_utc, zones, days)
    candidates: list[Interval] = []
    moment = start
    while moment + length <= end_of_search:
        end = moment + length
        if all(_inside_working_hours(moment, end, tz) for tz in tzs) and not _overlaps(
            moment, end, busy
        ):
            candidates.append((moment, end))
        moment += STEP
    first_zone = tzs[0] if tzs else UTC
    chosen: list[Interval] = []
    per_day: dict[object, int] = {}
    for slot in candidates:
        day = slot[0].astimezone(first_zone).date()
        if per_day.get(day, 0) >= PER_DAY or _overlaps(slot[0], slot[1], chosen):
            continue
        chosen.append(slot)
        per_day[day] = per_day.get(day, 0) + 1
        if len(chosen) == limit:
            return chosen
    for slot in candidates:  # not enough days: fill with what is left
        if len(chosen) == limit:
            break
        if not _overlaps(slot[0], slot[1], chosen):
            chosen.append(slot)
    return sorted(chosen)
