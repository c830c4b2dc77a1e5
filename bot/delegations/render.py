"""Delegation cards, lists and member lists as the reader sees them: labels in their language."""

from __future__ import annotations

import html
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date

from bot.common.i18n import Tr
from bot.common.languages import NATIVE_NAMES
from bot.delegations.countries import country_name, flag
from bot.delegations.interests import AREAS, ordered
from bot.delegations.models import Delegation, Member

PAGE_SIZE = 10


def _e(text: str) -> str:
    """Escape what a user typed before it goes into HTML."""
    return html.escape(text, quote=False)


def areas_text(tr: Tr, codes: tuple[str, ...] | list[str]) -> str:
    """Interest areas as localized labels, in the list's order."""
    return ", ".join(tr.t(AREAS[code]) for code in ordered(list(codes))) or "—"


def joined_on(tr: Tr, stamp: str) -> str:
    """A stored UTC timestamp as a date in the reader's locale."""
    return format_date(datetime.fromisoformat(stamp), "medium", locale=tr.locale)


def member_line(tr: Tr, member: Member, with_date: bool = False) -> str:
    """One person: name, @username, role (and when they joined)."""
    who = _e(member.first_name)
    if member.username:
        who += f" (@{_e(member.username)})"
    role = tr.t("head") if member.role == "head" else tr.t("member")
    mark = "👑" if member.role == "head" else "•"
    line = f"{mark} {who} — {role}"
    if with_date:
        line += " · " + tr.t("since {date}", date=joined_on(tr, member.joined_at))
    return line


def card(
    tr: Tr,
    delegation: Delegation,
    members: list[Member],
    home_chat_title: str | None,
    now: datetime,
) -> str:
    """Every field of a delegation, its members with roles, and its home chat."""
    local = tr.when(now, ZoneInfo(delegation.timezone), "EEE HH:mm")
    if home_chat_title is not None:
        home = _e(home_chat_title)
    else:
        home = tr.t(
            "not linked yet (a head sends /linkchat {name} in the group)", name=_e(delegation.name)
        )
    lines = [
        f"{flag(delegation.country)} <b>{_e(delegation.name)}</b>",
        tr.t("Organisation: {value}", value=_e(delegation.organisation)),
        tr.t(
            "Country: {value}",
            value=f"{flag(delegation.country)} {country_name(delegation.country, tr.language)}",
        ),
        tr.t("City: {value}", value=_e(delegation.city)),
        tr.t("Working language: {value}", value=NATIVE_NAMES[delegation.language]),
        tr.t("Time zone: {zone} (now {time})", zone=delegation.timezone, time=local),
        tr.t("Areas: {value}", value=areas_text(tr, delegation.interests)),
    ]
    if delegation.description:
        lines.append(tr.t("About: {value}", value=_e(delegation.description)))
    lines.append(tr.t("Home chat: {value}", value=home))
    lines.append(tr.t("Registered: {date}", date=joined_on(tr, delegation.created_at)))
    lines.append("")
    lines.append(tr.tn("<b>{count} member</b>", "<b>{count} members</b>", len(members)))
    lines.extend(member_line(tr, member) for member in members)
    return "\n".join(lines)


def list_page(tr: Tr, rows: list[tuple[Delegation, int]], page: int, total: int) -> str:
    """One page of the delegation list: flag, name, country, city, member count."""
    if total == 0:
        return tr.t("No delegations yet. A coordinator registers one with /register.")
    pages = max(1, -(-total // PAGE_SIZE))
    lines = [tr.tn("<b>{count} delegation</b>", "<b>{count} delegations</b>", total)]
    if pages > 1:
        lines[0] += " " + tr.t("(page {page} of {pages})", page=page + 1, pages=pages)
    for delegation, count in rows:
        where = f"{country_name(delegation.country, tr.language)}, {_e(delegation.city)}"
        people = tr.tn("{count} member", "{count} members", count)
        lines.append(
            f"{flag(delegation.country)} <b>{_e(delegation.name)}</b> — {where} · {people}"
        )
    lines.append("")
    lines.append(tr.t("Card of one: /delegation NAME"))
    return "\n".join(lines)


def members_text(tr: Tr, delegation: Delegation, members: list[Member]) -> str:
    """The member list with roles and joining dates."""
    head = tr.tn(
        "<b>{name}</b>: {count} member",
        "<b>{name}</b>: {count} members",
        len(members),
        name=_e(delegation.name),
    )
    return "\n".join([head, *(member_line(tr, member, with_date=True) for member in members)])
