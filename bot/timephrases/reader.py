"""Read meeting times typed in plain Russian, Chinese, Finnish or English.

`read_when` is pure: it never looks at the clock or the chat, so it is tested with a fixed `now`.
It is deliberately strict: a phrase is read only when every word in it is understood and the
result is unambiguous; otherwise it returns None and the bot asks again. dateparser is not used:
on the phrases people actually type it misses or misreads too many (see FIELD-NOTES, "dateparser"),
and a small grammar is faster, predictable and fully covered by tests.

Decisions where people could mean different things (all refused rather than guessed unless noted):

* A date or day with no time ("28 июля", "завтра", "friday") → None: a meeting needs a time.
  Only "noon" words ("полдень", "中午", "noon") stand for 12:00 on their own.
* A time with no day means its next occurrence: today if still ahead, else tomorrow.
* A weekday means the next such day whose time is still ahead (today counts if the time is
  ahead; on a Friday evening "в пятницу в 10:00" is next week's Friday). "this Friday" and
  "в эту пятницу" mean the same; "这周五"/"本周五" is strictly this calendar week's Friday, so
  once it has passed it is refused rather than moved a week on. "next Tuesday", "в следующий
  вторник", "ensi tiistaina", "下周二" mean Tuesday of next calendar week (weeks start on
  Monday), so on a Monday "next Tuesday" is eight days away, on a Friday four.
* A day-month date without a year is its next occurrence (this year if still ahead, else next).
  A date or day whose time has already passed ("сегодня в 10" at noon, "2020-01-01 10:00") → None.
* Anything more than two years ahead ("14 июля 2114") → None.
* Numeric dates: year-first (2027-07-28) and dotted (28.07, 28.7.2027) are read as written, day
  first for dots; a slash date is read only when just one order is a valid date (28/07, 07/28),
  so 03/04 → None. A dotted pair like 18.30 is a time after "klo"/"в"/"at" or when the phrase
  already has a day, a date when the phrase already has a time, and refused when alone.
* A bare hour from 1 to 6 with no am/pm/утра/下午-style mark and no leading zero ("в 3",
  "3点", "klo 5:30") → None: in chat most people mean the afternoon. "05:00" is 5 in the morning.
* A bare number without "в"/"at"/"klo"/"kello"/点/часов ("завтра 15", "15") → None.
* "in 2 hours"/"через 2 часа"/"2小时后"/"2 tunnin päästä" is exactly now + 2 h.
* A zone named in the phrase (at the end, or at the start: "北京时间明天下午3点") wins over the
  chat's zone for the clock time, but "today"/"tomorrow"/weekdays stay the speaker's days (the
  chat zone's calendar): at 21:00 in Moscow, "明天下午3点 北京时间" is Moscow's tomorrow at
  15:00 Beijing time, although Beijing is already past midnight. A bare time with a named zone
  is that zone's next occurrence. An unknown zone ("Mars/Base") → None.
* A local time that does not exist (spring-forward gap) → None; a repeated one (fall-back) is
  the first occurrence (fold=0, the summer-time offset).
* Midnight words are not understood (which day's midnight is ambiguous); type 00:00.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.common.timezones import canonical_zone
from bot.timephrases.scan import Parts, Scanner
from bot.timephrases.words import PERIOD_HOURS
from bot.timephrases.zones import split_zone

_MAX_AHEAD = timedelta(days=731)  # "more than two years from now" is a misreading, not a plan


@dataclass(frozen=True)
class Reading:
    """One reading of a phrase: the instant, and the zone and wall time it was read in."""

    instant: datetime  # aware, UTC
    zone: str  # IANA zone the phrase was read in (the override if one was named)
    local: datetime  # the instant in `zone`
    zone_named: bool  # True when the phrase itself named the zone


def read_when(text: str, zone: str, now: datetime) -> Reading | None:
    """Read `text` as a future instant in `zone` relative to aware `now`; None when unsure.

    A date with no time ("28 июля", "завтра") → None: a meeting needs a time. A time with no
    date is its next occurrence; a weekday is the next one still ahead. A wall time skipped by
    a DST change → None; a repeated one is its first occurrence (fold=0). The module docstring
    lists every other decision. Raises ValueError for an unknown `zone` or a naive `now`
    (caller bugs, not user input).
    """
    base_zone = canonical_zone(zone)
    if base_zone is None:
        raise ValueError(f"unknown time zone {zone!r}")
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    split = split_zone(normalise(text))
    if split is None or not split.rest:
        return None
    parts = Scanner().run(split.rest)
    if parts is None:
        return None
    reading_zone = split.zone or base_zone
    speaker_today = now.astimezone(ZoneInfo(base_zone)).date()
    instant = _resolve(parts, ZoneInfo(reading_zone), now, speaker_today)
    if instant is None:
        return None
    return Reading(
        instant=instant,
        zone=reading_zone,
        local=instant.astimezone(ZoneInfo(reading_zone)),
        zone_named=split.zone is not None,
    )


def normalise(text: str) -> str:
    """Fold width, case and spelling variants so the grammar sees one form of each word."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = folded.replace("ё", "е").replace("’", "'").replace("：", ":")
    folded = re.sub(r"[()\[\]]", " ", folded)
    folded = re.sub(r"\s+", " ", folded).strip()
    return folded.rstrip(".!?。 ")


def _resolve(parts: Parts, tz: ZoneInfo, now: datetime, speaker_today: date) -> datetime | None:
    """Place the scanned parts on the calendar and check the answer is sane."""
    if parts.delta is not None:
        return _resolve_offset(parts, now)
    if not _settle_dotted(parts):
        return None
    clock = _clock_time(parts)
    if clock is None:
        return None
    day = _pick_day(parts, clock, tz, now, speaker_today)
    if day is None:
        return None
    return _checked_instant(day, clock, tz, now)


def _resolve_offset(parts: Parts, now: datetime) -> datetime | None:
    """ "in 2 hours" stands alone: combined with a day or an hour it is contradictory."""
    assert parts.delta is not None
    if parts.has_calendar_day() or parts.hour is not None or parts.period or parts.dotted:
        return None
    if parts.delta <= timedelta(0):
        return None
    return (now + parts.delta).astimezone(UTC)


def _settle_dotted(parts: Parts) -> bool:
    """Decide whether a dotted pair (18.30 / 28.07) is the time or the date of the phrase."""
    if parts.dotted is None:
        return True
    first, second = parts.dotted
    parts.dotted = None
    if parts.hour is None and parts.has_calendar_day():
        if len(second) != 2:
            return False
        parts.hour, parts.hour_text, parts.minute = int(first), first, int(second)
        return parts.minute <= 59
    if parts.hour is not None and parts.date is None:
        day, month = int(first), int(second)
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return False
        parts.date = (None, month, day)
        return True
    return False


def _clock_time(parts: Parts) -> time | None:
    """The wall-clock time meant, after am/pm and утра/下午-style marks; None if unclear."""
    if parts.hour is None:
        return time(12, 0) if parts.period == "noon" else None
    hour = parts.hour
    if parts.period is not None:
        mapped = PERIOD_HOURS[parts.period].get(hour)
        if mapped is None:
            return None
        hour = mapped
    elif 1 <= hour <= 6 and not parts.hour_text.startswith("0"):
        return None
    if not 0 <= hour <= 23:
        return None
    return time(hour, parts.minute)


def _pick_day(
    parts: Parts, clock: time, tz: ZoneInfo, now: datetime, speaker_today: date
) -> date | None:
    """The calendar day meant; every way the phrase names a day must agree on it."""
    candidates: list[date | None] = []
    if parts.day_offset is not None:
        candidates.append(speaker_today + timedelta(days=parts.day_offset))
    if parts.next_week or parts.weekday is not None:
        candidates.append(_weekday_day(parts, clock, tz, now, speaker_today))
    if parts.date is not None:
        candidates.append(_calendar_day(parts.date, clock, tz, now))
    if not candidates:
        return _next_occurrence(now.astimezone(tz).date(), clock, tz, now)
    first = candidates[0]
    if first is None or any(candidate != first for candidate in candidates):
        return None
    return first


def _weekday_day(
    parts: Parts, clock: time, tz: ZoneInfo, now: datetime, today: date
) -> date | None:
    """The weekday meant: the next one still ahead, or the one in next (or the one after) week."""
    if parts.weekday is None:
        return None  # "next week" with no weekday is too vague for a meeting
    mode = parts.week_mode
    if parts.next_week:
        if mode != "bare":
            return None
        mode = "next"
    if mode == "bare":
        for ahead in range(8):
            day = today + timedelta(days=ahead)
            if day.weekday() == parts.weekday and _at(day, clock, tz) > now:
                return day
        return None
    weeks = {"this": 0, "next": 1, "next2": 2}[mode]
    monday = today - timedelta(days=today.weekday())
    return monday + timedelta(weeks=weeks, days=parts.weekday)


def _calendar_day(
    ymd: tuple[int | None, int, int], clock: time, tz: ZoneInfo, now: datetime
) -> date | None:
    """An explicit date; without a year, the next one still ahead (this year or a later one)."""
    year, month, day_of_month = ymd
    if year is not None:
        return _valid_date(year, month, day_of_month)
    this_year = now.astimezone(tz).year
    for candidate_year in range(this_year, this_year + 5):
        day = _valid_date(candidate_year, month, day_of_month)
        if day is not None and _at(day, clock, tz) >= now:
            return day
    return None


def _valid_date(year: int, month: int, day: int) -> date | None:
    """date(), but None for 31 June or 29 February in a common year."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _next_occurrence(today: date, clock: time, tz: ZoneInfo, now: datetime) -> date:
    """A bare time: today if it is still ahead, otherwise tomorrow."""
    return today if _at(today, clock, tz) > now else today + timedelta(days=1)


def _at(day: date, clock: time, tz: ZoneInfo) -> datetime:
    """Wall time on a day in a zone; fold=0 picks the first of a repeated fall-back hour."""
    return datetime.combine(day, clock, tzinfo=tz)


def _checked_instant(day: date, clock: time, tz: ZoneInfo, now: datetime) -> datetime | None:
    """The UTC instant, or None for a skipped wall time, the past, or implausibly far ahead."""
    if abs(day.year - now.year) > 2:
        return None  # also keeps year 1 and 9999 away from datetime overflow
    local = _at(day, clock, tz)
    instant = local.astimezone(UTC)
    back = instant.astimezone(tz)
    if (back.date(), back.hour, back.minute) != (day, clock.hour, clock.minute):
        return None  # spring-forward gap: this wall time never happens in this zone
    if instant < now or instant - now > _MAX_AHEAD:
        return None
    return instant
