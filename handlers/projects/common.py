"""What the project handlers share: finding the project, the reader's zone, and who may act."""

from __future__ import annotations

import html
from zoneinfo import ZoneInfo

from telegram import Update

from bot.common.roles import ANONYMOUS_ADMIN_ID
from bot.delegations.reader import reader_zone as zone_of_reader
from bot.projects.models import Project
from bot.projects.render import person
from bot.projects.services import find_project, may_coordinate
from bot.projects.services import may_withdraw as withdraw_allowed
from handlers.common.access import caller, in_group
from handlers.common.arguments import argument_text
from handlers.common.callbacks import as_id
from handlers.common.replies import reply
from handlers.context import ParkContext


def parse_id(text: str) -> int | None:
    """'12' or '#12' as a project id (ASCII digits, bounded: '²' or a huge number is none)."""
    return as_id(text.strip().removeprefix("#"))


def looks_like_id(text: str) -> bool:
    """Meant as a number ('²', '１２', a huge one), though it is no id we could have given."""
    word = text.strip().removeprefix("#")
    return bool(word) and word.isnumeric()


async def project_from_args(
    update: Update, context: ParkContext, usage: str
) -> tuple[Project, str] | None:
    """The project named by the first argument and the rest of the line; else say what to type."""
    tr = context.tr
    words = argument_text(update).split(maxsplit=1)
    project_id = parse_id(words[0]) if words else None
    if project_id is None and words and looks_like_id(words[0]):
        shown = html.escape(words[0].strip().removeprefix("#"))
        await reply(
            update,
            context,
            tr.t("There is no project #{id}. /projects lists them all.", id=shown),
        )
        return None
    if project_id is None:
        await reply(update, context, tr.t("Which project? Type {usage}", usage=usage))
        return None
    project = await find_project(context.store, project_id)
    if project is None:
        await reply(
            update,
            context,
            tr.t("There is no project #{id}. /projects lists them all.", id=project_id),
        )
        return None
    return project, words[1] if len(words) > 1 else ""


async def reader_zone(update: Update, context: ParkContext) -> ZoneInfo:
    """The zone the reader sees project dates in (the one rule for readers)."""
    chat = update.effective_chat
    user = update.effective_user
    zone = await zone_of_reader(
        context.store,
        context.settings,
        chat_id=chat.id if chat is not None else None,
        in_group=in_group(update),
        user_id=user.id if user is not None else None,
    )
    return ZoneInfo(zone)


async def is_project_coordinator(update: Update, context: ParkContext, project: Project) -> bool:
    """Configured coordinators, or administrators of the lead's or an accepted partner's home
    chat, acting in that chat."""
    return await may_coordinate(context.store, project, caller(update, context))


async def may_withdraw(context: ParkContext, project: Project, user_id: int | None) -> bool:
    """The proposer, or a head of the lead delegation."""
    return await withdraw_allowed(context.store, project, user_id)


def actor(update: Update, context: ParkContext) -> tuple[int, str]:
    """The acting user's id (the anonymous admin's too) and their name as notices show it."""
    user = update.effective_user
    if user is None:
        return ANONYMOUS_ADMIN_ID, person(context.tr, ANONYMOUS_ADMIN_ID, None, None)
    return user.id, person(context.tr, user.id, user.first_name, user.username)


def plain_name(update: Update, *, anonymous: bool = False) -> str:
    """The acting user's escaped name for multilingual notices (no translated words in it).

    An anonymous administrator is named by the group, as Telegram shows them.
    """
    user = update.effective_user
    if anonymous or user is None or user.id == ANONYMOUS_ADMIN_ID:
        chat = update.effective_chat
        return html.escape(chat.title or "") if chat is not None else ""
    name = html.escape(user.first_name)
    return f"{name} (@{html.escape(user.username)})" if user.username else name
