"""What several meeting handlers need: zones, chat settings, participants and permissions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from telegram import Update

from bot.chats.settings import EffectiveChatSettings, effective
from bot.common.roles import ANONYMOUS_ADMIN_ID
from bot.common.settings import Settings
from bot.delegations.models import Delegation
from bot.delegations.reader import reader_zone
from bot.meetings.models import Meeting
from bot.meetings.render import Place
from handlers.common.access import in_group, is_configured, is_coordinator_for, is_group_admin
from handlers.common.callbacks import as_id
from handlers.context import ParkContext
from storage.database import Database
from storage.unit_of_work import repositories


async def chat_settings(db: Database, settings: Settings, chat_id: int) -> EffectiveChatSettings:
    """A chat's languages and zone, stored or default."""
    return effective(await repositories(db).chats.get_chat(chat_id), settings)


async def reading_zone(update: Update, context: ParkContext) -> str:
    """The zone a typed time is read in and times are shown in (the one rule for readers)."""
    chat = update.effective_chat
    user = update.effective_user
    return await reader_zone(
        context.store,
        context.settings,
        chat_id=chat.id if chat is not None else None,
        in_group=chat is not None and chat.type != "private",
        user_id=user.id if user is not None else None,
    )


async def participants(db: Database, ids: tuple[int, ...] | list[int]) -> list[Delegation]:
    """The meeting's delegations, in the given order, skipping any that vanished."""
    found = []
    for delegation_id in ids:
        delegation = await repositories(db).delegations.by_id(delegation_id)
        if delegation is not None:
            found.append(delegation)
    return found


def places(found: list[Delegation]) -> tuple[Place, ...]:
    """How the time line names each delegation: its city and zone."""
    return tuple(Place(d.name, d.city, d.timezone) for d in found)


async def meeting_places(db: Database, meeting: Meeting) -> tuple[Place, ...]:
    """The places of a stored meeting."""
    return places(await participants(db, meeting.delegation_ids))


def home_chats(found: list[Delegation]) -> list[int]:
    """Distinct home chats of these delegations, in order."""
    return list(dict.fromkeys(d.home_chat_id for d in found if d.home_chat_id is not None))


async def may_schedule(update: Update, context: ParkContext, found: list[Delegation]) -> bool:
    """Coordinators for these delegations' home chats, or a head of one of them."""
    user = update.effective_user
    if user is not None:
        for delegation in found:
            if await repositories(context.db).delegations.role_of(delegation.id, user.id) == "head":
                return True
    return await is_coordinator_for(update, context, [d.home_chat_id for d in found])


async def may_start_scheduling(update: Update, context: ParkContext) -> bool:
    """Worth asking questions at all: a coordinator here, or a head of some delegation."""
    if is_configured(update, context) or (
        in_group(update) and await is_group_admin(update, context)
    ):
        return True
    user = update.effective_user
    if user is None:
        return False
    return any(
        role == "head" for _, role in await repositories(context.db).delegations.of_user(user.id)
    )


async def may_change(update: Update, context: ParkContext, meeting: Meeting) -> bool:
    """The organiser, or a coordinator for the participating delegations' home chats."""
    user = update.effective_user
    if user is not None and user.id == meeting.organiser_id:
        return True
    found = await participants(context.db, meeting.delegation_ids)
    return await is_coordinator_for(update, context, [d.home_chat_id for d in found])


async def viewer_delegations(update: Update, context: ParkContext) -> list[Delegation]:
    """Whose meetings the caller sees: the group's delegations, or in private their own."""
    chat = update.effective_chat
    user = update.effective_user
    if chat is not None and chat.type != "private":
        return await repositories(context.db).delegations.of_chat(chat.id)
    if user is None:
        return []
    return [
        delegation for delegation, _ in await repositories(context.db).delegations.of_user(user.id)
    ]


def meeting_id_argument(args: list[str]) -> int | None:
    """'12' or '#12' as a meeting id (ASCII digits, bounded); None for anything else."""
    if not args:
        return None
    return as_id(args[0].removeprefix("#"))


FURTHEST_AHEAD = timedelta(days=5 * 366)  # a button's time further ahead is forged


def minute_instant(text: str, now: datetime) -> datetime | None:
    """A UTC minute number from callback data as an instant still ahead; None if not plausible."""
    minute = as_id(text)
    if minute is None:
        return None
    seconds = minute * 60
    if not now.timestamp() < seconds <= (now + FURTHEST_AHEAD).timestamp():
        return None
    return datetime.fromtimestamp(seconds, UTC)


async def may_see(update: Update, context: ParkContext, meeting: Meeting) -> bool:
    """Configured coordinators, the organiser, members of the participating delegations, and
    (asked in a group) their home chats see a meeting; to others it does not exist."""
    if is_configured(update, context):
        return True
    user = update.effective_user
    chat = update.effective_chat
    chat_id = chat.id if chat is not None else 0
    person = user.id if user is not None and user.id != ANONYMOUS_ADMIN_ID else None
    return await repositories(context.db).meetings.may_see(meeting.id, person, chat_id)


async def resolve_names(db: Database, text: str) -> tuple[list[Delegation], list[str]]:
    """Delegations named in `text` (commas between names, or spaces when names have none)."""
    found: list[Delegation] = []
    unknown: list[str] = []
    if any(mark in text for mark in (",", ";", "\n")):
        pieces = [p.strip() for p in text.replace(";", ",").replace("\n", ",").split(",")]
        for piece in filter(None, pieces):
            delegation = await repositories(db).delegations.by_name(piece)
            if delegation is None:
                unknown.append(piece)
            elif delegation not in found:
                found.append(delegation)
        return found, unknown
    words = text.split()
    index = 0
    while index < len(words):
        for end in range(len(words), index, -1):  # the longest name starting here
            delegation = await repositories(db).delegations.by_name(" ".join(words[index:end]))
            if delegation is not None:
                if delegation not in found:
                    found.append(delegation)
                index = end
                break
        else:
            unknown.append(words[index])
            index += 1
    return found, unknown
