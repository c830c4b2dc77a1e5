"""Cut a normalised time phrase into parts (day, weekday, date, hour, period, offset).

The scanner is strict on purpose: every character of the phrase must belong to a known token,
so a word it does not understand makes the whole phrase unreadable instead of being skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from bot.timephrases.words import (
    DAY_AND_PERIOD,
    FI_GENITIVE_NUMBERS,
    MONTHS,
    NEXT_WEEK_WORDS,
    PERIOD_WORDS,
    RELATIVE_DAYS,
    RU_NUMBERS,
    WEEKDAY_MODIFIERS,
    WEEKDAYS,
    WORD_END,
    ZH_WEEK_PREFIXES,
    ZH_WEEKDAY_DIGITS,
    alternation,
    zh_number,
)


@dataclass
class Parts:
    """What a phrase said, before it is placed on a calendar."""

    day_offset: int | None = None
    weekday: int | None = None
    week_mode: str = "bare"
    next_week: bool = False
    date: tuple[int | None, int, int] | None = None  # (year or None, month, day)
    hour: int | None = None
    minute: int = 0
    hour_text: str = ""
    period: str | None = None
    delta: timedelta | None = None
    dotted: tuple[str, str] | None = None

    def has_calendar_day(self) -> bool:
        """True when something other than a bare clock time fixes the day."""
        return (
            self.day_offset is not None
            or self.weekday is not None
            or self.date is not None
            or self.next_week
        )


_ZH_NUM = r"\d{1,4}|[零〇一二两兩三四五六七八九十]{1,3}"
_AMPM = r"a\.?m\.?|p\.?m\.?"

_HOUR_UNITS: tuple[str, ...] = ("hours", "hour", "hrs", "hr", "h", "часов", "часа", "час", "ч")
_HOUR_UNITS += ("小时", "小時", "钟头", "鐘頭", "tunnin")
_MINUTE_UNITS: tuple[str, ...] = ("minutes", "minute", "mins", "min", "m", "минуты", "минуту")
_MINUTE_UNITS += ("минут", "мин", "分钟", "分鐘", "minuutin")
_DAY_UNITS: tuple[str, ...] = ("days", "day", "d", "дней", "дня", "день", "天", "päivän")
_WEEK_UNITS: tuple[str, ...] = ("weeks", "week", "w", "недели", "недель", "неделю", "周", "星期")
_WEEK_UNITS += ("礼拜", "禮拜", "viikon")

_UNIT_MINUTES: dict[str, int] = {
    **dict.fromkeys(_HOUR_UNITS, 60),
    **dict.fromkeys(_MINUTE_UNITS, 1),
}
_UNIT_DAYS: dict[str, int] = {**dict.fromkeys(_DAY_UNITS, 1), **dict.fromkeys(_WEEK_UNITS, 7)}

_ALL_UNITS = (*_UNIT_MINUTES, *_UNIT_DAYS)
_EN_UNITS = alternation(unit for unit in _ALL_UNITS if unit.isascii())
_RU_UNITS = alternation(unit for unit in _ALL_UNITS if "а" <= unit[0] <= "я")
_ZH_UNITS = alternation(unit for unit in _ALL_UNITS if unit[0] >= "\u4e00")

Handler = Callable[["Scanner", re.Match[str], bool], bool]


class Scanner:
    """Walks the phrase token by token, filling `Parts`; any conflict or leftover fails it."""

    def __init__(self) -> None:
        self.parts = Parts()
        self.marker = False

    def set_day_offset(self, days: int) -> bool:
        """Record a relative day; a second one ("завтра послезавтра") is a conflict."""
        if self.parts.day_offset is not None:
            return False
        self.parts.day_offset = days
        return True

    def set_weekday(self, weekday: int, mode: str) -> bool:
        """Record a weekday and whether it is this coming one or next week's."""
        if self.parts.weekday is not None:
            return False
        self.parts.weekday, self.parts.week_mode = weekday, mode
        return True

    def set_date(self, year: int | None, month: int, day: int) -> bool:
        """Record a calendar date; two dates in one phrase are a conflict."""
        if self.parts.date is not None or not (1 <= month <= 12 and 1 <= day <= 31):
            return False
        self.parts.date = (year, month, day)
        return True

    def set_time(self, hour_text: str, minute: int) -> bool:
        """Record the typed hour (kept as text so "05" can be told from "5") and minutes."""
        if self.parts.hour is not None or not 0 <= minute <= 59:
            return False
        self.parts.hour, self.parts.hour_text, self.parts.minute = int(hour_text), hour_text, minute
        return True

    def set_period(self, period: str) -> bool:
        """Record a part of the day; two different ones ("утра вечера") are a conflict."""
        if self.parts.period not in (None, period):
            return False
        self.parts.period = period
        return True

    def set_duration(self, count: float, unit: str) -> bool:
        """Record "in N hours" as an exact offset, or "in N days" as a day offset."""
        if unit in _UNIT_DAYS:
            days = count * _UNIT_DAYS[unit]
            return days == int(days) and self.set_day_offset(int(days))
        if self.parts.delta is not None:
            return False
        self.parts.delta = timedelta(minutes=count * _UNIT_MINUTES[unit])
        return True

    def run(self, text: str) -> Parts | None:
        """Scan the whole text; None as soon as a piece matches no rule or conflicts."""
        pos = 0
        while True:
            separators = _SEPARATORS.match(text, pos)
            pos = separators.end() if separators else pos
            if pos >= len(text):
                return None if self.marker else self.parts
            for pattern, handler in RULES:
                match = pattern.match(text, pos)
                if match and match.end() > pos:
                    after_marker, self.marker = self.marker, False
                    if not handler(self, match, after_marker):
                        return None
                    pos = match.end()
                    break
            else:
                return None


_SEPARATORS = re.compile(r"[\s,;]*")


def _iso(scanner: Scanner, match: re.Match[str], _: bool) -> bool:
    """2027-07-28, 2027/07/28 or 2027-07-28T14:00: year first is never ambiguous."""
    year, month, day, hour, minute = match.groups()
    if not scanner.set_date(int(year), int(month), int(day)):
        return False
    return hour is None or scanner.set_time(hour, int(minute))


def _zh_date(scanner: Scanner, match: re.Match[str], _: bool) -> bool:
    """2027年7月28日 / 七月二十八号."""
    year_text, month_text, day_text = match.groups()
    year = zh_number(year_text) if year_text else None
    month, day = zh_number(month_text), zh_number(day_text)
    if month is None or day is None or (year_text and year is None):
        return False
    return scanner.set_date(year, month, day)


def _zh_weekday(scanner: Scanner, match: re.Match[str], _: bool) -> bool:
    """星期五, 周二, 下周二, 下下周一, 这周五."""
    prefix, digit = match.groups()
    return scanner.set_weekday(ZH_WEEKDAY_DIGITS[digit], ZH_WEEK_PREFIXES.get(prefix, "bare"))


def _zh_time(scanner: Scanner, match: re.Match[str], _: bool) -> bool:
    """3点, 3点半, 3点15分, 十点一刻, 14时30分."""
    hour_text, half, quarter, three_quarters, minute_text = match.groups()
    hour = zh_number(hour_text)
    minute = 30 if half else 15 if quarter else 45 if three_quarters else 0
    if minute_text:
        parsed = zh_number(minute_text)
        if parsed is None:
            return False
        minute = parsed
    return hour is not None and scanner.set_time(_hour_text(hour_text, hour), minute)


def _hour_text(raw: str, hour: int) -> str:
    """Keep ASCII hours as typed (so "05" stays "05"); Chinese numerals become plain digits."""
    return raw if raw.isascii() else str(hour)


def _zh_duration(scanner: Scanner, match: re.Match[str], _: bool) -> bool:
    """2小时后, 半小时后, 一个半小时后, 3天后."""
    count_text, half, unit = match.groups()
    count = 0.5 if count_text == "半" else zh_number(count_text)
    if count is None or (half and count_text == "半"):
        return False
    return scanner.set_duration(count + (0.5 if half else 0), unit)


def _en_duration(scanner: Scanner, match: re.Match[str], _: bool) -> bool:
    """in 2 hours, in an hour, in half an hour, in 2 hours 30 minutes, in 3 days."""
    count_text, unit, and_half, extra_minutes = match.groups()
    count = {"a": 1.0, "an": 1.0, "one": 1.0}.get(count_text)
    if count is None:
        count = 0.5 if count_text.startswith("half") else float(count_text)
    hour_unit = _UNIT_MINUTES.get(unit) == 60
    if (and_half or extra_minutes) and not hour_unit:
        return False
    minutes = int(extra_minutes or 0)
    return scanner.set_duration(count + (0.5 if and_half else 0) + minutes / 60, unit)


def _ru_duration(scanner: Scanner, match: re.Match[str], _: bool) -> bool:
    """через 2 часа, через час, через полчаса, через полтора часа, через 2 дня."""
    count_text, unit = match.groups()
    unit = re.sub(r"\s+", " ", unit).rstrip(".")
    if unit == "полчаса":
        return count_text is None and scanner.set_duration(0.5, "час")
    if unit == "полтора часа":
        return count_text is None and scanner.set_duration(1.5, "час")
    count = 1 if count_text is None else RU_NUMBERS.get(count_text) or int(count_text)
    return scanner.set_duration(count, unit)


def _fi_duration(scanner: Scanner, match: re.Match[str], _: bool) -> bool:
    """2 tunnin päästä, kahden tunnin kuluttua, puolen tunnin päästä, tunnin päästä."""
    count_text, fraction, unit = match.groups()
    if fraction and (count_text or unit != "tunnin"):
        return False
    if fraction:
        return scanner.set_duration(0.5 if fraction.startswith("puolen ") else 1.5, unit)
    count = 1 if count_text is None else FI_GENITIVE_NUMBERS.get(count_text) or int(count_text)
    return scanner.set_duration(count, unit)


def _next_week(scanner: Scanner, _match: re.Match[str], __: bool) -> bool:
    """ "next week" / "на следующей неделе" / "ensi viikolla", paired with a weekday later."""
    if scanner.parts.next_week:
        return False
    scanner.parts.next_week = True
    return True


def _day_and_period(scanner: Scanner, match: re.Match[str], _: bool) -> bool:
    """tonight, 今晚, 明早, tänä iltana: a day and a part of it in one word."""
    days, period = DAY_AND_PERIOD[_squash(match.group(0))]
    return scanner.set_day_offset(days) and scanner.set_period(period)


def _relative_day(scanner: Scanner, match: re.Match[str], _: bool) -> bool:
    """завтра, 明天, huomenna, tomorrow and their neighbours."""
    return scanner.set_day_offset(RELATIVE_DAYS[_squash(match.group(0))])


def _weekday(scanner: Scanner, match: re.Match[str], _: bool) -> bool:
    """в пятницу, в следующий вторник, ensi tiistaina, next Tuesday, Friday."""
    modifier, day = match.groups()
    mode = WEEKDAY_MODIFIERS[_squash(modifier)] if modifier else "bare"
    return scanner.set_weekday(WEEKDAYS[day], mode)


def _day_month(scanner: Scanner, match: re.Match[str], _: bool) -> bool:
    """28 июля, 28. heinäkuuta, 28th of July, 28 июля 2027 г."""
    day, month, year = match.groups()
    return scanner.set_date(int(year) if year else None, MONTHS[month], int(day))


def _month_day(scanner: Scanner, match: re.Match[str], _: bool) -> bool:
    """July 28, July 28th, July 28, 2027."""
    month, day, year = match.groups()
    return scanner.set_date(int(year) if year else None, MONTHS[month], int(day))


def _dotted_date(scanner: Scanner, match: re.Match[str], _: bool) -> bool:
    """28.07.2027 or 28.7. — day first, the way Russian and Finnish write dates."""
    day, month, year = match.groups()
    return scanner.set_date(int(year) if year else None, int(month), int(day))


def _slash_date(scanner: Scanner, match: re.Match[str], _: bool) -> bool:
    """28/07 is clear, 07/28 is clear, 03/04 is not: refuse when either order would work."""
    first, second = int(match.group(1)), int(match.group(2))
    year_text = match.group(3)
    if first == second or (first > 12 and second <= 12):
        day, month = first, second
    elif second > 12 and first <= 12:
        day, month = second, first
    else:
        return False
    return scanner.set_date(int(year_text) if year_text else None, month, day)


def _clock(scanner: Scanner, match: re.Match[str], _: bool) -> bool:
    """15:00, 3:30pm, 18:30."""
    hour, minute, ampm = match.groups()
    if ampm and not scanner.set_period(_ampm(ampm)):
        return False
    return scanner.set_time(hour, int(minute))


def _ampm(text: str) -> str:
    """ "p.m." / "pm" → "pm"."""
    return "pm" if text.startswith("p") else "am"


def _dotted_pair(scanner: Scanner, match: re.Match[str], after_marker: bool) -> bool:
    """18.30 after "klo"/"в" is a time; otherwise it waits until the rest of the phrase is seen."""
    first, second = match.groups()
    if after_marker:
        return len(second) == 2 and scanner.set_time(first, int(second))
    if scanner.parts.dotted is not None:
        return False
    scanner.parts.dotted = (first, second)
    return True


def _hour_ampm(scanner: Scanner, match: re.Match[str], _: bool) -> bool:
    """3pm, 10 am, 11 p.m."""
    hour, ampm = match.groups()
    return scanner.set_period(_ampm(ampm)) and scanner.set_time(hour, 0)


def _hour_word(scanner: Scanner, match: re.Match[str], _: bool) -> bool:
    """15 часов, 3 часа, 9 o'clock: the word makes the number an hour."""
    return scanner.set_time(match.group(1), 0)


def _period(scanner: Scanner, match: re.Match[str], _: bool) -> bool:
    """утра, 下午, illalla, in the evening, noon."""
    return scanner.set_period(PERIOD_WORDS[_squash(match.group(0))])


def _marker(scanner: Scanner, _match: re.Match[str], __: bool) -> bool:
    """в / at / klo / kello: a bare number right after one of these is an hour."""
    scanner.marker = True
    return True


def _filler(_scanner: Scanner, _match: re.Match[str], __: bool) -> bool:
    """on / the: words that carry nothing."""
    return True


def _bare_number(scanner: Scanner, match: re.Match[str], after_marker: bool) -> bool:
    """A lone number is an hour only after a marker ("в 15", "klo 15"); "15" alone is refused."""
    return after_marker and scanner.set_time(match.group(1), 0)


def _squash(text: str) -> str:
    """Collapse inner whitespace so multi-word table keys match."""
    return re.sub(r"\s+", " ", text.strip())


def _words(words: Iterable[str]) -> str:
    """Alternation of table keys with the word-end guard."""
    return rf"(?:{alternation(words)}){WORD_END}"


_MONTH = rf"({alternation(MONTHS)})\.?{WORD_END}"
_YEAR = r"(?:,?\s*(\d{4})(?![\d:.])(?:\s*(?:г\.?|года?)" + WORD_END + r")?)?"
_ZH_WEEK = rf"({alternation(ZH_WEEK_PREFIXES)})?(?:星期|礼拜|禮拜|周|週)([一二三四五六日天])"
_FI_COUNT = alternation(FI_GENITIVE_NUMBERS)
_RU_COUNT = alternation(RU_NUMBERS)

_RULE_TABLE: tuple[tuple[str, Handler], ...] = (
    (r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:t(\d{1,2}):(\d{2})(?::00)?)?(?![\d:])", _iso),
    (
        rf"(?:(\d{{4}}|[〇零一二三四五六七八九]{{4}})年)?({_ZH_NUM})月({_ZH_NUM})(?:日|号|號)",
        _zh_date,
    ),
    (rf"({_ZH_NUM}|半)(?:个|個)?(半)?({_ZH_UNITS})(?:以)?[后後]", _zh_duration),
    (_ZH_WEEK, _zh_weekday),
    (
        rf"({_ZH_NUM})(?:点|點|时|時)(?:钟|鐘)?(?:(半)|(一刻)|(三刻)|({_ZH_NUM})分?)?",
        _zh_time,
    ),
    (
        rf"in\s+(\d{{1,3}}|an?|one|half\s+an?)\s*({_EN_UNITS}){WORD_END}(\s+and\s+a\s+half)?"
        rf"(?:\s*(?:and\s+)?(\d{{1,2}})\s*(?:minutes|minute|mins|min|m){WORD_END})?",
        _en_duration,
    ),
    (
        rf"через\s+(?:(\d{{1,3}}|{_RU_COUNT})\s*)?(полчаса|полтора\s+часа|{_RU_UNITS})\.?{WORD_END}",
        _ru_duration,
    ),
    (
        rf"(?:(\d{{1,3}}|{_FI_COUNT})\s+)?(puolen\s+|puolentoista\s+)?"
        rf"(tunnin|minuutin|päivän|viikon)\s+(?:päästä|kuluttua){WORD_END}",
        _fi_duration,
    ),
    (_words(NEXT_WEEK_WORDS), _next_week),
    (_words(DAY_AND_PERIOD), _day_and_period),
    (_words(RELATIVE_DAYS), _relative_day),
    (
        rf"(?:({alternation(WEEKDAY_MODIFIERS)})\s+)?({alternation(WEEKDAYS)}){WORD_END}",
        _weekday,
    ),
    (rf"(\d{{1,2}})(?:\.|st|nd|rd|th|-?го)?\s*(?:of\s+)?{_MONTH}{_YEAR}", _day_month),
    (rf"{_MONTH}\s*(\d{{1,2}})(?:st|nd|rd|th)?(?![\d:.]){_YEAR}", _month_day),
    (r"(\d{1,2})\.(\d{1,2})\.(?:(\d{4})(?![\d:]))?(?![\d])", _dotted_date),
    (r"(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])", _slash_date),
    (rf"(\d{{1,2}}):(\d{{2}})(?:\s*({_AMPM})(?![a-z]))?", _clock),
    (r"(\d{1,2})\.(\d{1,2})(?![\d.])", _dotted_pair),
    (rf"(\d{{1,2}})\s*({_AMPM})(?![a-z])", _hour_ampm),
    (rf"(\d{{1,2}})\s*(?:часов|часа|час|ч\.?|o'?clock){WORD_END}", _hour_word),
    (_words(PERIOD_WORDS), _period),
    (rf"(?:в|во|к|at|klo|kello|kl){WORD_END}\.?|@", _marker),
    (rf"(?:on|the){WORD_END}", _filler),
    (r"(\d{1,2})(?![\d:.])", _bare_number),
)

RULES: tuple[tuple[re.Pattern[str], Handler], ...] = tuple(
    (re.compile(pattern), handler) for pattern, handler in _RULE_TABLE
)
