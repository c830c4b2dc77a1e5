"""/delegations, /delegation, /members and /linkchat: reading delegations and homing them."""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.common.i18n import N_
from bot.delegations.events import HomeChatLinked
from bot.delegations.models import Delegation
from bot.delegations.policy import Refusal
from bot.delegations.render import PAGE_SIZE, card, list_page, members_text
from bot.delegations.services import (
    delegation_card,
    delegation_members,
    link_chat,
    list_delegations,
)
from handlers.common.access import caller, in_group
from handlers.common.arguments import argument_text
from handlers.common.replies import edit_quietly, reply
from handlers.context import ParkContext
from handlers.delegations.access import refuse_not_manager, resolve
from handlers.delegations.buttons import ListPage
from handlers.delegations.membership import send_pending_requests


async def show_card(update: Update, context: ParkContext, delegation: Delegation) -> None:
    """Send the delegation's card in the caller's language."""
    shown = await delegation_card(context.store, delegation.id)
    if shown is None:
        return
    text = card(context.tr, shown.delegation, shown.members, shown.home_title, context.clock.now())
    await reply(update, context, text)


async def delegation_command(update: Update, context: ParkContext) -> None:
    """/delegation NAME: the card."""
    found = await resolve(update, context, argument_text(update), N_("/delegation NAME"))
    if found is not None:
        await show_card(update, context, found)


async def members_command(update: Update, context: ParkContext) -> None:
    """/members NAME: who is in, with roles and since when."""
    found = await resolve(update, context, argument_text(update), N_("/members NAME"))
    if found is not None:
        members = await delegation_members(context.store, found.id)
        await reply(update, context, members_text(context.tr, found, members))


def _pager(page: int, total: int) -> InlineKeyboardMarkup | None:
    pages = -(-total // PAGE_SIZE)
    if pages <= 1:
        return None
    buttons = []
    if page > 0:
        buttons.append(InlineKeyboardButton("◀", callback_data=ListPage(page - 1).pack()))
    if page < pages - 1:
        buttons.append(InlineKeyboardButton("▶", callback_data=ListPage(page + 1).pack()))
    return InlineKeyboardMarkup([buttons])


async def list_command(update: Update, context: ParkContext) -> None:
    """/delegations: the first page."""
    shown = await list_delegations(context.store, 0, PAGE_SIZE)
    assert shown is not None
    await reply(
        update, context, list_page(context.tr, shown.rows, 0, shown.total), _pager(0, shown.total)
    )


async def list_pressed(update: Update, context: ParkContext) -> None:
    """◀ ▶ on the list: show the asked page if it exists."""
    query = update.callback_query
    assert query is not None
    parsed = ListPage.unpack(query.data)
    page = parsed.page if parsed is not None else None
    if page is None or page > 10_000:
        await query.answer(context.tr.t("This button is no longer valid."), show_alert=True)
        return
    shown = await list_delegations(context.store, page, PAGE_SIZE)
    if shown is None:
        await query.answer(context.tr.t("This button is no longer valid."), show_alert=True)
        return
    await query.answer()
    await edit_quietly(
        query, list_page(context.tr, shown.rows, page, shown.total), _pager(page, shown.total)
    )


async def linkchat_command(update: Update, context: ParkContext) -> None:
    """/linkchat NAME in a group: that group becomes the delegation's home chat."""
    tr = context.tr
    chat = update.effective_chat
    if chat is None or not in_group(update):
        await reply(
            update,
            context,
            tr.t("Send /linkchat NAME in the group that should become the delegation's home chat."),
        )
        return
    found = await resolve(update, context, argument_text(update), N_("/linkchat NAME"))
    if found is None:
        return
    linked = await link_chat(context.store, found, caller(update, context))
    if isinstance(linked, Refusal):
        await refuse_not_manager(update, context, found)
        return
    await reply(
        update,
        context,
        tr.t(
            "This group is now the home chat of {name}: its reminders and cards come here.",
            name=html.escape(found.name),
        ),
    )
    await send_pending_requests(context, linked.delegation)
    await context.bot_data.events.publish(
        context, HomeChatLinked(linked.delegation.id, linked.chat_id)
    )
