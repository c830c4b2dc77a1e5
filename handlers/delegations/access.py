"""Finding the delegation a command is about, and whether the caller may manage it."""

from __future__ import annotations

import html

from telegram import Update

from bot.delegations.models import Delegation
from handlers.common.access import is_coordinator_for
from handlers.common.replies import reply
from handlers.context import ParkContext
from storage.unit_of_work import repositories


async def resolve(update: Update, context: ParkContext, name: str, usage: str) -> Delegation | None:
    """The named delegation, or the obvious one; else say what to type (`usage` is a msgid)."""
    tr = context.tr
    db = context.db
    if name:
        found = await repositories(db).delegations.by_name(name)
        if found is not None:
            return found
        similar = await repositories(db).delegations.similar_names(name)
        text = tr.t("There is no delegation called “{name}”.", name=html.escape(name))
        if similar:
            names = ", ".join(html.escape(n) for n in similar)
            text += " " + tr.t("Did you mean: {names}?", names=names)
        text += " " + tr.t("/delegations lists them all.")
        await reply(update, context, text)
        return None
    chat = update.effective_chat
    if chat is not None and chat.type != "private":
        homed = await repositories(db).delegations.of_chat(chat.id)
        if len(homed) == 1:
            return homed[0]
    user = update.effective_user
    if user is not None:
        own = await repositories(db).delegations.of_user(user.id)
        if len(own) == 1:
            return own[0][0]
    await reply(update, context, tr.t("Which delegation? Type {usage}", usage=tr.t(usage)))
    return None


async def can_manage(update: Update, context: ParkContext, delegation: Delegation) -> bool:
    """Its heads, configured coordinators, and administrators of its home chat (acting there)."""
    user = update.effective_user
    if (
        user is not None
        and await repositories(context.db).delegations.role_of(delegation.id, user.id) == "head"
    ):
        return True
    return await is_coordinator_for(update, context, [delegation.home_chat_id])


async def refuse_not_manager(update: Update, context: ParkContext, delegation: Delegation) -> None:
    """Say who may do this instead."""
    await reply(
        update,
        context,
        context.tr.t(
            "Only heads of {name} and coordinators can do this.",
            name=html.escape(delegation.name),
        ),
    )
