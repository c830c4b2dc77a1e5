"""The weekly digest: when a chat's digest is due, and what it says."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.common.i18n import Tr
from bot.meetings.render import list_line

LATE_LIMIT = timedelta(hours=12)  # a digest more than this late is skipped, not sent on Tuesday
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def last_slot(now: datetime, zone: str, weekday: int, at: time) -> datetime:
    """The latest weekly moment (weekday, local time in `zone`) at or before `now`, in UTC."""
    tz = ZoneInfo(zone)
    local_now = now.astimezone(tz)
    day = local_now.date() - timedelta(days=(local_now.weekday() - weekday) % 7)
    moment = datetime.combine(day, at, tzinfo=tz)
    if moment > local_now:
        moment = datetime.combine(day - timedelta(days=7), at, tzinfo=tz)
    return moment.astimezone(UTC)


def is_due(now: datetime, slot: datetime, last_sent: datetime | None) -> bool:
    """Send the slot once, and only while it is fresh."""
    if now - slot > LATE_LIMIT:
        return False
    return last_sent is None or last_sent < slot


def digest_text(
    tr: Tr,
    start: datetime,
    zone: str,
    meetings: Sequence[tuple[int, str, datetime]],
    project_lines: Sequence[str] | None,
) -> str:
    """One language's digest: the week's meetings, and project stage changes when known."""
    tz = ZoneInfo(zone)
    lines = [
        "🗓 "
        + tr.t(
            "<b>The week from {day}</b>",
            day=tr.when(start, tz, "EEE d MMM"),
        )
    ]
    lines.append("")
    lines.append(tr.t("<b>Meetings</b>"))
    if meetings:
        lines.extend(list_line(tr, mid, title, when, zone) for mid, title, when in meetings)
    else:
        lines.append(tr.t("No meetings this week."))
    if project_lines is not None:
        lines.append("")
        lines.append(tr.t("<b>Projects that changed stage</b>"))
        lines.extend(project_lines or [tr.t("No project changed stage this week.")])
    return "\n".join(lines)
