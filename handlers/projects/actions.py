"""Acting on projects: partner answers, stage moves, support; each press checked in the database."""

from __future__ import annotations

import html

from telegram import Message, Update

from bot.common.i18n import Tr
from bot.common.roles import ANONYMOUS_ADMIN_ID
from bot.projects.models import Answer, Project
from bot.projects.render import answer_notice, stage_notice
from bot.projects.rules import check_reason
from bot.projects.stages import (
    REJECTED,
    STAGES,
    is_legal,
    label,
    moves_text,
    needs_coordinator,
    parse_stage,
)
from handlers.common.access import is_coordinator_for
from handlers.common.callbacks import as_id, unpack
from handlers.common.replies import edit_quietly, reply
from handlers.context import ParkContext
from handlers.projects.common import (
    actor,
    edit_buttons_quietly,
    involved_chats,
    is_project_coordinator,
    may_withdraw,
    plain_name,
    project_from_args,
)
from handlers.projects.notices import ANSWER_KIND, notify_chats
from handlers.projects.views import CLOSED, STAGE_KIND, SUPPORT_KIND, card_keyboard, invalid
from storage.unit_of_work import repositories


def _title(project: Project) -> str:
    return html.escape(project.title, quote=False)


async def refusal_for_move(
    update: Update, context: ParkContext, project: Project, target: str
) -> str | None:
    """Why this caller may not make this move now, or None when they may."""
    tr = context.tr
    user = update.effective_user
    if needs_coordinator(target):
        if not await is_project_coordinator(update, context, project):
            return tr.t(
                "Only coordinators of the delegations in project #{id} can move it to {stage}.",
                id=project.id,
                stage=label(tr, target),
            )
    elif not await may_withdraw(context, project, user.id if user else None):
        lead = await repositories(context.db).delegations.by_id(project.lead_id)
        return tr.t(
            "Only the proposer of project #{id} or heads of {lead} can withdraw it.",
            id=project.id,
            lead=html.escape(lead.name if lead else "—"),
        )
    if not is_legal(project.stage, target):
        return illegal(tr, project, target)
    return None


def illegal(tr: Tr, project: Project, target: str) -> str:
    """A refused move, naming the moves that are allowed."""
    return (
        tr.t(
            "Project #{id} is {stage}: it cannot move to {target}.",
            id=project.id,
            stage=label(tr, project.stage),
            target=label(tr, target),
        )
        + " "
        + moves_text(tr, project.id, project.stage)
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
    actor_id = ANONYMOUS_ADMIN_ID if anonymous else actor(update, context)[0]
    moved = await repositories(context.db).projects.move(
        project.id, target, actor_id, reason, context.clock.now()
    )
    if not moved.done or moved.previous is None:
        current = await repositories(context.db).projects.get(project.id)
        return illegal(tr, current or project, target)
    previous = moved.previous
    who = plain_name(update, anonymous=anonymous)
    await reply(update, context, stage_notice(tr, project, previous, target, who, reason))
    lead = await repositories(context.db).delegations.by_id(project.lead_id)
    partners = await repositories(context.db).projects.partners(project.id)
    chat = update.effective_chat

    def render(reader: Tr) -> str:
        return stage_notice(reader, project, previous, target, who, reason)

    await notify_chats(
        context,
        involved_chats(lead.home_chat_id if lead else None, partners),
        render,
        chat.id if chat else None,
    )
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
    refusal = await refusal_for_move(update, context, project, target)
    if refusal is None and target == REJECTED:
        checked = check_reason(reason)
        if not isinstance(checked, str):
            refusal = tr.t("Say why it is rejected: /stage {id} rejected REASON", id=project.id)
        else:
            reason = checked
    if refusal is None:
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
        project = await repositories(context.db).projects.get(project_id)
    if parsed is None or project is None or parsed.args[1] == REJECTED:
        await query.answer(invalid(tr), show_alert=True)
        return
    target = parsed.args[1]
    refusal = await refusal_for_move(update, context, project, target)
    if refusal is None:
        refusal = await apply_move(update, context, project, target, "")
    if refusal is not None:
        await alert(update, context, refusal)
        return
    await query.answer()
    await _refresh_buttons(update, context, project.id)


async def _refresh_buttons(update: Update, context: ParkContext, project_id: int) -> None:
    """The pressed card gets the buttons that fit the project now."""
    query = update.callback_query
    project = await repositories(context.db).projects.get(project_id)
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
    project = partner = None
    project_id = as_id(parsed.args[0]) if parsed is not None else None
    wanted = as_id(parsed.args[1]) if parsed is not None else None
    if (
        parsed is not None
        and project_id is not None
        and wanted is not None
        and parsed.args[2] in ("a", "d")
    ):
        project = await repositories(context.db).projects.get(project_id)
        if project is not None:
            partners = await repositories(context.db).projects.partners(project.id)
            partner = next((p for p in partners if p.delegation_id == wanted), None)
    if parsed is None or project is None or partner is None:
        await query.answer(invalid(tr), show_alert=True)
        return
    user = query.from_user
    is_head = (
        await repositories(context.db).delegations.role_of(partner.delegation_id, user.id) == "head"
    )
    if not is_head and not await is_coordinator_for(update, context, [partner.home_chat_id]):
        await query.answer(
            tr.t("Only heads of {name} and coordinators can answer for it.", name=partner.name),
            show_alert=True,
        )
        return
    if project.stage in CLOSED:
        await query.answer(
            tr.t("Project #{id} is {stage}.", id=project.id, stage=label(tr, project.stage)),
            show_alert=True,
        )
        return
    accept = parsed.args[2] == "a"
    outcome = await repositories(context.db).projects.answer(
        project.id, partner.delegation_id, accept, user.id, context.clock.now()
    )
    if outcome is not Answer.OK:
        await query.answer(tr.t("{name} has already answered.", name=partner.name), show_alert=True)
        return
    await query.answer()
    who = plain_name(update)
    if isinstance(query.message, Message):
        verdict = answer_notice(tr, project, partner.name, accept, who)
        await edit_quietly(query, f"{query.message.text_html}\n\n{verdict}")
    lead = await repositories(context.db).delegations.by_id(project.lead_id)
    chat = update.effective_chat

    def render(reader: Tr) -> str:
        return answer_notice(reader, project, partner.name, accept, who)

    if lead is not None and lead.home_chat_id is not None:
        await notify_chats(context, [lead.home_chat_id], render, chat.id if chat else None)


async def _support(update: Update, context: ParkContext, project: Project) -> str:
    """Record an endorsement; the answer to show either way."""
    tr = context.tr
    user = update.effective_user
    own = await repositories(context.db).delegations.of_user(user.id) if user else []
    if user is None or not own:
        return tr.t("Only members of a delegation can support projects. /join NAME asks to join.")
    if project.stage in CLOSED:
        return tr.t(
            "Project #{id} is {stage}: it takes no more support.",
            id=project.id,
            stage=label(tr, project.stage),
        )
    chat = update.effective_chat
    homed = [d for d, _ in own if chat is not None and d.home_chat_id == chat.id]
    delegation = (homed or [d for d, _ in own])[0]
    added = await repositories(context.db).projects.support(
        project.id, user.id, delegation.id, context.clock.now()
    )
    if not added:
        return tr.t("You already support project #{id}.", id=project.id)
    total = sum(n for _, n in await repositories(context.db).projects.supporters(project.id))
    return tr.tn(
        "You support project #{id} “{title}”: {count} supporter so far.",
        "You support project #{id} “{title}”: {count} supporters so far.",
        total,
        id=project.id,
        title=_title(project),
    )


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
    project = (
        await repositories(context.db).projects.get(project_id) if project_id is not None else None
    )
    if project is None:
        await query.answer(invalid(context.tr), show_alert=True)
        return
    await alert(update, context, await _support(update, context, project))
    await _refresh_buttons(update, context, project.id)
