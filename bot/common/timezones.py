"""IANA time zone names as people type them, checked against the system's zone database."""

from __future__ import annotations

from functools import cache
from zoneinfo import ZoneInfo, available_timezones


@cache
def _zones_by_lower_name() -> dict[str, str]:
    """Map lower-cased names to their canonical spelling so `asia/shanghai` works.

    Only Area/Location names: no server-dependent `localtime`, no `Factory`, no legacy
    aliases such as `EST5EDT`, and no `Etc/GMT+3`, whose sign is the opposite of what it says.
    """
    return {
        name.lower(): name
        for name in available_timezones()
        if "/" in name and not name.startswith(("Etc/", "posix/", "right/", "SystemV/"))
    }


def canonical_zone(text: str) -> str | None:
    """Return the canonical IANA name for `text`, or None when there is no such zone."""
    cleaned = text.strip().replace(" ", "_")
    if not cleaned:
        return None
    if cleaned.upper() in ("UTC", "Z", "GMT"):
        return "UTC"
    return _zones_by_lower_name().get(cleaned.lower())


def zone(name: str) -> ZoneInfo:
    """A ZoneInfo for a name already validated by `canonical_zone`."""
    return ZoneInfo(name)


# City names people type for the zones parkbridge's delegations live in.
CITY_ZONES: dict[str, str] = {
    "moscow": "Europe/Moscow",
    "москва": "Europe/Moscow",
    "莫斯科": "Europe/Moscow",
    "msk": "Europe/Moscow",
    "мск": "Europe/Moscow",
    "st petersburg": "Europe/Moscow",
    "saint petersburg": "Europe/Moscow",
    "санкт-петербург": "Europe/Moscow",
    "петербург": "Europe/Moscow",
    "圣彼得堡": "Europe/Moscow",
    "pietari": "Europe/Moscow",
    "beijing": "Asia/Shanghai",
    "пекин": "Asia/Shanghai",
    "北京": "Asia/Shanghai",
    "北京时间": "Asia/Shanghai",
    "peking": "Asia/Shanghai",
    "上海": "Asia/Shanghai",
    "helsinki": "Europe/Helsinki",
    "хельсинки": "Europe/Helsinki",
    "赫尔辛基": "Europe/Helsinki",
    "savonlinna": "Europe/Helsinki",
    "савонлинна": "Europe/Helsinki",
    "萨翁林纳": "Europe/Helsinki",
}


@cache
def _zones_by_city() -> dict[str, str]:
    """The last part of each IANA name ('shanghai'), when only one zone has it."""
    seen: dict[str, list[str]] = {}
    for name in available_timezones():
        city = name.rsplit("/", 1)[-1].lower()
        seen.setdefault(city, []).append(name)
    return {city: names[0] for city, names in seen.items() if len(names) == 1}


def zone_from_text(text: str) -> str | None:
    """An IANA name, or a city people know a zone by (Moscow, 北京, Helsinki, Shanghai)."""
    direct = canonical_zone(text)
    if direct:
        return direct
    word = " ".join(text.strip().casefold().replace("_", " ").split())
    if word in CITY_ZONES:
        return CITY_ZONES[word]
    return _zones_by_city().get(word.replace(" ", "_"))
