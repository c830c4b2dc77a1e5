"""IANA time zone names as people type them, checked against the system's zone database."""

from __future__ import annotations

from functools import cache
from zoneinfo import ZoneInfo, available_timezones


@cache
def _zones_by_lower_name() -> dict[str, str]:
    """Map lower-cased names to their canonical spelling so `asia/shanghai` works."""
    return {name.lower(): name for name in available_timezones()}


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
