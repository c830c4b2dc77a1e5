"""Finding the delegation a command is about, and describing the caller to the services."""

from __future__ import annotations

import html

from telegram import Update

from bot.delegations.models import Delegation
from bot.delegations.services import Ambiguous, NotFound, find_delegation, may_manage
from handlers.common.access import caller
from handlers.common.replies import reply
from handlers.context import ParkContext


async def resolve(update: Update, context: ParkContext, name: str, usage: str) -> Delegation | None:
    """The named delegation, or the obvious one; else say what to type (`usage` is a msgid)."""
    tr = context.tr
    chat = update.effective_chat
    user = update.effective_user
    found = await find_delegation(
        context.store,
        name,
        chat.id if chat is not None else None,
        chat is not None and chat.type != "private",
        user.id if user is not None else None,
    )
    if isinstance(found, NotFound):
        text = tr.t("There is no delegation called “{name}”.", name=html.escape(name))
        if found.similar:
            names = ", ".join(html.escape(n) for n in found.similar)
            text += " " + tr.t("Did you mean: {names}?", names=names)
        text += " " + tr.t("/delegations lists them all.")
        await reply(update, context, text)
        return None
    if isinstance(found, Ambiguous):
        await reply(update, context, tr.t("Which delegation? Type {usage}", usage=tr.t(usage)))
        return None
    return found


async def can_manage(update: Update, context: ParkContext, delegation: Delegation) -> bool:
    """Its heads, configured coordinators, and administrators of its home chat (acting there)."""
    return await may_manage(context.store, delegation, caller(update, context)) is None


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
