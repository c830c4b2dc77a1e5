"""Times are stored as UTC ISO 8601 text, so SQLite compares them in order."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now_iso() -> str:
    """Now, in UTC, to the second."""
    return to_iso(datetime.now(UTC))


def to_iso(moment: datetime) -> str:
    """An aware datetime as stored text."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()
