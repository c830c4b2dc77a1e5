"""Words for days, weekdays, months, day periods and numbers in ru, zh, fi and en.

Every table is keyed by the normalised (NFKC, case-folded, ё→е) spelling, so the reader in
`bot.timephrases` can match them with plain regular expressions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A Latin, Cyrillic or Finnish word must not run on into another letter ("в" ≠ "вторник").
WORD_END = r"(?![a-zа-яäöå])"

RELATIVE_DAYS: dict[str, int] = {
    "сегодня": 0,
    "завтра": 1,
    "послезавтра": 2,
    "今天": 0,
    "今日": 0,
    "明天": 1,
    "明日": 1,
    "后天": 2,
    "後天": 2,
    "大后天": 3,
    "大後天": 3,
    "tänään": 0,
    "huomenna": 1,
    "ylihuomenna": 2,
    "today": 0,
    "tomorrow": 1,
    "the day after tomorrow": 2,
    "day after tomorrow": 2,
}

# Words that name a day and a part of it at once ("tonight" = today, evening).
DAY_AND_PERIOD: dict[str, tuple[int, str]] = {
    "tonight": (0, "evening"),
    "今晚": (0, "evening"),
    "今早": (0, "morning"),
    "明晚": (1, "evening"),
    "明早": (1, "morning"),
    "tänä iltana": (0, "evening"),
    "tänä aamuna": (0, "morning"),
}

WEEKDAYS: dict[str, int] = {
    # Russian: nominative and accusative ("в пятницу"), plus the usual two-letter abbreviations.
    "понедельник": 0,
    "вторник": 1,
    "среда": 2,
    "среду": 2,
    "четверг": 3,
    "пятница": 4,
    "пятницу": 4,
    "суббота": 5,
    "субботу": 5,
    "воскресенье": 6,
    "пн": 0,
    "вт": 1,
    "ср": 2,
    "чт": 3,
    "пт": 4,
    "сб": 5,
    "вс": 6,
    # Finnish: essive ("perjantaina" = on Friday) and nominative.
    "maanantaina": 0,
    "tiistaina": 1,
    "keskiviikkona": 2,
    "torstaina": 3,
    "perjantaina": 4,
    "lauantaina": 5,
    "sunnuntaina": 6,
    "maanantai": 0,
    "tiistai": 1,
    "keskiviikko": 2,
    "torstai": 3,
    "perjantai": 4,
    "lauantai": 5,
    "sunnuntai": 6,
    # English, with common abbreviations.
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tues": 1,
    "tue": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thurs": 3,
    "thur": 3,
    "thu": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}

# Modifiers before a weekday: "next" means the weekday in next calendar week (Monday-first);
# "this"/"coming" mean the same as a bare weekday (the next one still ahead).
WEEKDAY_MODIFIERS: dict[str, str] = {
    "следующий": "next",
    "следующую": "next",
    "следующее": "next",
    "следующая": "next",
    "этот": "bare",
    "эту": "bare",
    "это": "bare",
    "ближайший": "bare",
    "ближайшую": "bare",
    "ближайшее": "bare",
    "ensi": "next",
    "seuraavana": "next",
    "tulevana": "bare",
    "tänä": "bare",
    "next": "next",
    "this": "bare",
    "coming": "bare",
    "this coming": "bare",
}

ZH_WEEKDAY_DIGITS: dict[str, int] = {
    "一": 0,
    "二": 1,
    "三": 2,
    "四": 3,
    "五": 4,
    "六": 5,
    "日": 6,
    "天": 6,
}

# Chinese prefixes before 周/星期/礼拜: next or the week after, or strictly this calendar week.
ZH_WEEK_PREFIXES: dict[str, str] = {
    "下下个": "next2",
    "下下": "next2",
    "下个": "next",
    "下": "next",
    "这个": "this",
    "这": "this",
    "本": "this",
}

# Phrases meaning "next week" on their own, paired with a weekday elsewhere in the text.
NEXT_WEEK_WORDS: tuple[str, ...] = (
    "на следующей неделе",
    "ensi viikon",
    "ensi viikolla",
    "next week",
)

MONTHS: dict[str, int] = {
    # Russian genitive ("28 июля") and abbreviations.
    "января": 1,
    "февраля": 2,
    "марта": 3,
    "апреля": 4,
    "мая": 5,
    "июня": 6,
    "июля": 7,
    "августа": 8,
    "сентября": 9,
    "октября": 10,
    "ноября": 11,
    "декабря": 12,
    "янв": 1,
    "февр": 2,
    "фев": 2,
    "мар": 3,
    "апр": 4,
    "июн": 6,
    "июл": 7,
    "авг": 8,
    "сент": 9,
    "сен": 9,
    "окт": 10,
    "нояб": 11,
    "ноя": 11,
    "дек": 12,
    # Finnish partitive ("28. heinäkuuta").
    "tammikuuta": 1,
    "helmikuuta": 2,
    "maaliskuuta": 3,
    "huhtikuuta": 4,
    "toukokuuta": 5,
    "kesäkuuta": 6,
    "heinäkuuta": 7,
    "elokuuta": 8,
    "syyskuuta": 9,
    "lokakuuta": 10,
    "marraskuuta": 11,
    "joulukuuta": 12,
    # English, with abbreviations.
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sept": 9,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

# Words for a part of the day, mapped to one of the period names in PERIOD_HOURS.
PERIOD_WORDS: dict[str, str] = {
    "утра": "morning",
    "утром": "morning",
    "дня": "afternoon",
    "днем": "afternoon",
    "вечера": "evening",
    "вечером": "evening",
    "ночи": "night",
    "ночью": "night",
    "в полдень": "noon",
    "полдень": "noon",
    "上午": "morning",
    "早上": "morning",
    "早晨": "morning",
    "中午": "noon",
    "下午": "afternoon",
    "傍晚": "evening",
    "晚上": "evening",
    "夜里": "night",
    "半夜": "night",
    "凌晨": "early",
    "aamulla": "morning",
    "aamupäivällä": "morning",
    "keskipäivällä": "noon",
    "iltapäivällä": "afternoon",
    "illalla": "evening",
    "yöllä": "night",
    "in the morning": "morning",
    "in the afternoon": "afternoon",
    "in the evening": "evening",
    "at night": "night",
    "morning": "morning",
    "afternoon": "afternoon",
    "evening": "evening",
    "at noon": "noon",
    "noon": "noon",
    "midday": "noon",
}


def _hours(pairs: dict[int, int], *ranges: tuple[range, int]) -> dict[int, int]:
    """Build a typed-hour → 24-hour table from explicit pairs and shifted ranges."""
    table = dict(pairs)
    for hours, shift in ranges:
        table.update({hour: hour + shift for hour in hours})
    return table


# For each period, which typed hours it accepts and what 24-hour hour they mean.
# Hours outside a table (e.g. "12 вечера", "11 дня") are refused rather than guessed.
PERIOD_HOURS: dict[str, dict[int, int]] = {
    "am": _hours({12: 0}, (range(1, 12), 0)),
    "pm": _hours({12: 12}, (range(1, 12), 12)),
    "morning": _hours({}, (range(1, 12), 0)),
    "afternoon": _hours({}, (range(1, 8), 12), (range(12, 20), 0)),
    "evening": _hours({}, (range(4, 12), 12), (range(16, 24), 0)),
    "night": _hours({}, (range(0, 6), 0), (range(9, 12), 12), (range(21, 24), 0)),
    "early": _hours({12: 0}, (range(0, 7), 0)),
    "noon": _hours({}, (range(1, 3), 12), (range(11, 15), 0)),
}

ZH_NUMERALS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

# Genitive number words used in Finnish durations ("kahden tunnin päästä").
FI_GENITIVE_NUMBERS: dict[str, int] = {
    "yhden": 1,
    "kahden": 2,
    "kolmen": 3,
    "neljän": 4,
    "viiden": 5,
    "kuuden": 6,
    "seitsemän": 7,
    "kahdeksan": 8,
    "yhdeksän": 9,
    "kymmenen": 10,
}

# Russian number words in durations ("через два часа").
RU_NUMBERS: dict[str, int] = {
    "один": 1,
    "одну": 1,
    "два": 2,
    "две": 2,
    "три": 3,
    "четыре": 4,
    "пять": 5,
    "шесть": 6,
    "семь": 7,
    "восемь": 8,
    "девять": 9,
    "десять": 10,
}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of the given words, longest first so prefixes never win early."""
    items = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(item).replace(r"\ ", r"\s+") for item in items)


def zh_number(text: str) -> int | None:
    """Read ASCII digits or Chinese numerals up to 99 (十, 二十八) or a digit-by-digit year."""
    if text.isascii():
        return int(text) if text.isdigit() else None
    if "十" not in text:
        digits = [ZH_NUMERALS.get(char) for char in text]
        if any(digit is None for digit in digits) or not digits:
            return None
        return int("".join(str(digit) for digit in digits))
    tens_text, _, units_text = text.partition("十")
    tens = ZH_NUMERALS.get(tens_text, -1) if tens_text else 1
    units = ZH_NUMERALS.get(units_text, -1) if units_text else 0
    if tens < 1 or units < 0 or "十" in units_text:
        return None
    return tens * 10 + units
