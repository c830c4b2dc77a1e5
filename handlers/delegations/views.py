"""/delegations, /delegation, /members and /linkchat: reading delegations and homing them."""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.common.i18n import N_
from bot.delegations.events import HomeChatLinked
from bot.delegations.models import Delegation
from bot.delegations.render import PAGE_SIZE, card, list_page, members_text
from handlers.common.access import in_group
from handlers.common.arguments import argument_text
from handlers.common.callbacks import as_id, pack, unpack
from handlers.common.replies import edit_quietly, reply
from handlers.context import ParkContext
from handlers.delegations.access import can_manage, refuse_not_manager, resolve
from handlers.delegations.membership import send_pending_requests
from storage.unit_of_work import repositories

LIST_KIND = "dl"


async def show_card(update: Update, context: ParkContext, delegation: Delegation) -> None:
    """Send the delegation's card in the caller's language."""
    members = await repositories(context.db).delegations.members(delegation.id)
    home = None
    if delegation.home_chat_id is not None:
        chat = await repositories(context.db).chats.get_chat(delegation.home_chat_id)
        home = chat.title if chat else None
    text = card(context.tr, delegation, members, home, context.clock.now())
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
        members = await repositories(context.db).delegations.members(found.id)
        await reply(update, context, members_text(context.tr, found, members))


def _pager(page: int, total: int) -> InlineKeyboardMarkup | None:
    pages = -(-total // PAGE_SIZE)
    if pages <= 1:
        return None
    buttons = []
    if page > 0:
        buttons.append(InlineKeyboardButton("◀", callback_data=pack(LIST_KIND, str(page - 1))))
    if page < pages - 1:
        buttons.append(InlineKeyboardButton("▶", callback_data=pack(LIST_KIND, str(page + 1))))
    return InlineKeyboardMarkup([buttons])


async def list_command(update: Update, context: ParkContext) -> None:
    """/delegations: the first page."""
    rows, total = await repositories(context.db).delegations.page(0, PAGE_SIZE)
    await reply(update, context, list_page(context.tr, rows, 0, total), _pager(0, total))


async def list_pressed(update: Update, context: ParkContext) -> None:
    """◀ ▶ on the list: show the asked page if it exists."""
    query = update.callback_query
    assert query is not None
    parsed = unpack(query.data, LIST_KIND, 1)
    page = as_id(parsed.args[0]) if parsed is not None else None
    if page is None or page > 10_000:
        await query.answer(context.tr.t("This button is no longer valid."), show_alert=True)
        return
    rows, total = await repositories(context.db).delegations.page(page * PAGE_SIZE, PAGE_SIZE)
    if not rows and page > 0:
        await query.answer(context.tr.t("This button is no longer valid."), show_alert=True)
        return
    await query.answer()
    await edit_quietly(query, list_page(context.tr, rows, page, total), _pager(page, total))


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
    if not await can_manage(update, context, found):
        await refuse_not_manager(update, context, found)
        return
    user = update.effective_user
    await repositories(context.db).delegations.link_chat(found.id, chat.id, user.id if user else 0)
    # A group that set nothing yet takes its delegation's zone and language, so times typed
    # there are read in the right zone from the start (/settings changes them).
    record = await repositories(context.db).chats.get_chat(chat.id)
    if record is not None and record.timezone is None:
        await repositories(context.db).chats.set_timezone(chat.id, found.timezone)
    if record is not None and not record.languages:
        await repositories(context.db).chats.set_languages(chat.id, [found.language])
    await reply(
        update,
        context,
        tr.t(
            "This group is now the home chat of {name}: its reminders and cards come here.",
            name=html.escape(found.name),
        ),
    )
    linked = await repositories(context.db).delegations.by_id(found.id)
    if linked is not None:
        await send_pending_requests(context, linked)
        await context.bot_data.events.publish(context, HomeChatLinked(linked.id, chat.id))
