"""Time zones people name inside a time phrase ("по Москве", "北京时间", "Helsinki", "UTC+3")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.common.timezones import canonical_zone
from bot.timephrases.words import alternation

# Normalised (case-folded, ё→е) spellings of the zones the issue asks for.
ZONE_ALIASES: dict[str, str] = {
    **dict.fromkeys(
        (
            "msk",
            "мск",
            "по мск",
            "moscow",
            "moscow time",
            "in moscow",
            "москва",
            "по москве",
            "московское время",
            "по московскому времени",
            "莫斯科",
            "莫斯科时间",
            "莫斯科時間",
            "moskovan aikaa",
        ),
        "Europe/Moscow",
    ),
    **dict.fromkeys(
        (
            "beijing",
            "beijing time",
            "in beijing",
            "peking",
            "china time",
            "пекин",
            "по пекину",
            "пекинское время",
            "по пекинскому времени",
            "北京",
            "北京时间",
            "北京時間",
            "pekingin aikaa",
            "kiinan aikaa",
        ),
        "Asia/Shanghai",
    ),
    **dict.fromkeys(
        (
            "helsinki",
            "helsinki time",
            "in helsinki",
            "finland time",
            "хельсинки",
            "по хельсинки",
            "по хельсинкскому времени",
            "赫尔辛基",
            "赫尔辛基时间",
            "赫爾辛基時間",
            "helsingin aikaa",
            "suomen aikaa",
        ),
        "Europe/Helsinki",
    ),
    **dict.fromkeys(
        ("utc", "gmt", "по utc", "по gmt", "utc time", "utc时间", "utc aikaa"),
        "UTC",
    ),
}

_ALIASES = alternation(ZONE_ALIASES)
_LETTER = re.compile(r"[a-zа-яäöå]")
_GLUE = re.compile(r"[a-zа-яäöå/_+\-]$")
_SUFFIX = re.compile(rf"({_ALIASES})$")
_PREFIX = re.compile(rf"^({_ALIASES})(?=\s|$|[^a-zа-яäöå/])")
_OFFSET = r"(?:utc|gmt)\s*([+-])(\d{1,2})(?::?00)?"
_OFFSET_SUFFIX = re.compile(rf"(?:^|\s){_OFFSET}$")
_OFFSET_PREFIX = re.compile(rf"^{_OFFSET}(?=\s)")
_IANA_SUFFIX = re.compile(r"(?:^|\s)(?:по\s+)?([a-z]+(?:/[a-z0-9_+\-]+)+)$")
_IANA_PREFIX = re.compile(r"^([a-z]+(?:/[a-z0-9_+\-]+)+)(?=\s)")


@dataclass(frozen=True)
class ZoneSplit:
    """The phrase without its zone words, and the IANA zone they named (None if none)."""

    rest: str
    zone: str | None


def _offset_zone(sign: str, hours_text: str) -> str | None:
    """Turn "UTC+3" into Etc/GMT-3 (POSIX inverts the sign), refusing impossible offsets."""
    hours = int(hours_text)
    if hours == 0:
        return "UTC"
    limit = 14 if sign == "+" else 12
    if hours > limit:
        return None
    return f"Etc/GMT{'-' if sign == '+' else '+'}{hours}"


def _glued_to_word(rest: str, alias: str) -> bool:
    """True when a Latin/Cyrillic zone word is glued to what precedes it ("3pmmsk", "x/moscow")."""
    return bool(_LETTER.match(alias[0])) and bool(_GLUE.search(rest))


def _from_end(text: str) -> ZoneSplit | None:
    """Find a zone named at the end; `ZoneSplit(text, None)` when there is none."""
    match = _SUFFIX.search(text)
    if match and not _glued_to_word(text[: match.start(1)], match.group(1)):
        alias = re.sub(r"\s+", " ", match.group(1))
        return ZoneSplit(text[: match.start(1)].strip(), ZONE_ALIASES[alias])
    offset = _OFFSET_SUFFIX.search(text)
    if offset:
        zone = _offset_zone(offset.group(1), offset.group(2))
        return None if zone is None else ZoneSplit(text[: offset.start()].strip(), zone)
    iana = _IANA_SUFFIX.search(text)
    if iana:
        zone = canonical_zone(iana.group(1))
        return None if zone is None else ZoneSplit(text[: iana.start()].strip(), zone)
    return ZoneSplit(text, None)


def _from_start(text: str) -> ZoneSplit | None:
    """Find a zone named at the start ("北京时间明天下午3点"); `ZoneSplit(text, None)` if none."""
    match = _PREFIX.match(text)
    if match:
        alias = re.sub(r"\s+", " ", match.group(1))
        return ZoneSplit(text[match.end() :].strip(), ZONE_ALIASES[alias])
    offset = _OFFSET_PREFIX.match(text)
    if offset:
        zone = _offset_zone(offset.group(1), offset.group(2))
        return None if zone is None else ZoneSplit(text[offset.end() :].strip(), zone)
    iana = _IANA_PREFIX.match(text)
    if iana:
        zone = canonical_zone(iana.group(1))
        return None if zone is None else ZoneSplit(text[iana.end() :].strip(), zone)
    return ZoneSplit(text, None)


def split_zone(text: str) -> ZoneSplit | None:
    """Take a named zone off either end of a normalised phrase; None if it is unknown or doubled."""
    end = _from_end(text)
    if end is None:
        return None
    start = _from_start(end.rest)
    if start is None:
        return None
    if end.zone is not None and start.zone is not None:
        return None
    return ZoneSplit(start.rest, end.zone or start.zone)
