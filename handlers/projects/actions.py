"""Acting on projects: partner answers, stage moves, support; each press checked in the database."""

from __future__ import annotations

import html

from telegram import Message, Update

from bot.common.i18n import Tr
from bot.common.roles import ANONYMOUS_ADMIN_ID
from bot.projects.models import Project, Refusal
from bot.projects.render import (
    answer_notice,
    refusal_text,
    stage_notice,
    support_closed,
    supported,
)
from bot.projects.services import (
    answer_invitation,
    check_move,
    find_project,
    move_stage,
    support_project,
)
from bot.projects.stages import REJECTED, STAGES, moves_text, parse_stage
from handlers.common.access import caller
from handlers.common.callbacks import as_id, unpack
from handlers.common.replies import edit_buttons_quietly, edit_quietly, reply
from handlers.context import ParkContext
from handlers.projects.common import plain_name, project_from_args
from handlers.projects.notices import ANSWER_KIND, notify_chats
from handlers.projects.views import STAGE_KIND, SUPPORT_KIND, card_keyboard, invalid


async def refusal_for_move(
    update: Update, context: ParkContext, project: Project, target: str
) -> str | None:
    """Why this caller may not make this move now, or None when they may."""
    checked = await check_move(context.store, project, target, caller(update, context))
    if checked.refusal is None:
        return None
    return refusal_text(
        context.tr, checked.refusal, checked.project, target=target, lead=checked.lead
    )


async def apply_move(
    update: Update,
    context: ParkContext,
    project: Project,
    target: str,
    reason: str,
    *,
    anonymous: bool = False,
) -> str | None:
    """Move the stage (rules re-checked in the transaction), say so, notify; or why not.

    `anonymous`: an anonymous administrator decided (they only pressed a button as themselves),
    so the history and the notices name the group, not the person.
    """
    tr = context.tr
    moved = await move_stage(
        context.store,
        project,
        target,
        reason,
        caller(update, context),
        context.clock.now(),
        anonymous_id=ANONYMOUS_ADMIN_ID if anonymous else None,
    )
    if moved.refusal is not None or moved.previous is None:
        refusal = moved.refusal or Refusal.ILLEGAL_MOVE
        return refusal_text(tr, refusal, moved.project, target=target, lead=moved.lead)
    previous, reason = moved.previous, moved.reason
    who = plain_name(update, anonymous=anonymous)
    await reply(update, context, stage_notice(tr, project, previous, target, who, reason))
    chat = update.effective_chat

    def render(reader: Tr) -> str:
        return stage_notice(reader, project, previous, target, who, reason)

    await notify_chats(context, moved.notify, render, chat.id if chat else None)
    return None


async def stage_command(update: Update, context: ParkContext) -> None:
    """/stage ID STAGE [REASON]: move a project; refusals name the allowed moves."""
    tr = context.tr
    usage = "/stage ID STAGE [REASON]"
    found = await project_from_args(update, context, usage)
    if found is None:
        return
    project, rest = found
    words = rest.split(maxsplit=1)
    target = parse_stage(words[0]) if words else None
    if target is None:
        await reply(
            update,
            context,
            tr.t("Which stage? Type {usage}", usage=usage)
            + " "
            + moves_text(tr, project.id, project.stage),
        )
        return
    reason = words[1].strip() if len(words) > 1 else ""
    refusal = await apply_move(update, context, project, target, reason)
    if refusal is not None:
        await reply(update, context, refusal)


async def stage_pressed(update: Update, context: ParkContext) -> None:
    """A stage button on a card: the same checks as /stage, refusals as an alert."""
    query = update.callback_query
    assert query is not None
    tr = context.tr
    parsed = unpack(query.data, STAGE_KIND, 2)
    project = None
    project_id = as_id(parsed.args[0]) if parsed is not None else None
    if parsed is not None and project_id is not None and parsed.args[1] in STAGES:
        project = await find_project(context.store, project_id)
    if parsed is None or project is None or parsed.args[1] == REJECTED:
        await query.answer(invalid(tr), show_alert=True)
        return
    refusal = await apply_move(update, context, project, parsed.args[1], "")
    if refusal is not None:
        await alert(update, context, refusal)
        return
    await query.answer()
    await _refresh_buttons(update, context, project.id)


async def _refresh_buttons(update: Update, context: ParkContext, project_id: int) -> None:
    """The pressed card gets the buttons that fit the project now."""
    query = update.callback_query
    project = await find_project(context.store, project_id)
    if query is None or project is None or not isinstance(query.message, Message):
        return
    await edit_buttons_quietly(query, await card_keyboard(update, context, project))


async def alert(update: Update, context: ParkContext, text: str) -> None:
    """A refusal on a press: an alert, or (past Telegram's 200 characters) a message too."""
    query = update.callback_query
    assert query is not None
    plain = html.unescape(text)
    if len(plain) <= 200:
        await query.answer(plain, show_alert=True)
        return
    await query.answer(plain[:197] + "…", show_alert=True)
    await reply(update, context, text)


async def answer_pressed(update: Update, context: ParkContext) -> None:
    """Accept / Decline on an invitation: that delegation's heads or its coordinators, once."""
    query = update.callback_query
    assert query is not None
    tr = context.tr
    parsed = unpack(query.data, ANSWER_KIND, 3)
    project_id = as_id(parsed.args[0]) if parsed is not None else None
    wanted = as_id(parsed.args[1]) if parsed is not None else None
    if parsed is None or project_id is None or wanted is None or parsed.args[2] not in ("a", "d"):
        await query.answer(invalid(tr), show_alert=True)
        return
    accept = parsed.args[2] == "a"
    outcome = await answer_invitation(
        context.store, project_id, wanted, accept, caller(update, context), context.clock.now()
    )
    project, partner = outcome.project, outcome.partner
    if project is None or partner is None:
        await query.answer(invalid(tr), show_alert=True)
        return
    if outcome.refusal is not None:
        text = refusal_text(tr, outcome.refusal, project, partner=partner.name)
        await query.answer(text, show_alert=True)
        return
    await query.answer()
    who = plain_name(update)
    if isinstance(query.message, Message):
        verdict = answer_notice(tr, project, partner.name, accept, who)
        await edit_quietly(query, f"{query.message.text_html}\n\n{verdict}")
    chat = update.effective_chat

    def render(reader: Tr) -> str:
        return answer_notice(reader, project, partner.name, accept, who)

    if outcome.lead_home is not None:
        await notify_chats(context, [outcome.lead_home], render, chat.id if chat else None)


async def _support(update: Update, context: ParkContext, project: Project) -> str:
    """Record an endorsement; the answer to show either way."""
    tr = context.tr
    user = update.effective_user
    chat = update.effective_chat
    outcome = await support_project(
        context.store,
        project,
        user.id if user else None,
        chat.id if chat else None,
        context.clock.now(),
    )
    if outcome.refusal is Refusal.CLOSED:
        return support_closed(tr, project)
    if outcome.refusal is not None:
        return refusal_text(tr, outcome.refusal, project)
    return supported(tr, project, outcome.total)


async def support_command(update: Update, context: ParkContext) -> None:
    """/support ID."""
    found = await project_from_args(update, context, "/support ID")
    if found is not None:
        await reply(update, context, await _support(update, context, found[0]))


async def support_pressed(update: Update, context: ParkContext) -> None:
    """👍 Support on a card."""
    query = update.callback_query
    assert query is not None
    parsed = unpack(query.data, SUPPORT_KIND, 1)
    project_id = as_id(parsed.args[0]) if parsed is not None else None
    project = await find_project(context.store, project_id) if project_id is not None else None
    if project is None:
        await query.answer(invalid(context.tr), show_alert=True)
        return
    await alert(update, context, await _support(update, context, project))
    await _refresh_buttons(update, context, project.id)
