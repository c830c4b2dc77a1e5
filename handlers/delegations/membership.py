"""Joining and leaving delegations, approving requests, invitations, promotion and demotion."""

from __future__ import annotations

import html
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot.chats.models import UserRecord
from bot.chats.settings import effective
from bot.common.i18n import N_, Tr, translator
from bot.common.languages import resolve_language
from bot.common.notices import multilingual
from bot.common.roles import ANONYMOUS_ADMIN_ID
from bot.delegations.models import Delegation, Outcome
from bot.delegations.policy import Refusal
from bot.delegations.services import (
    ask_to_join,
    change_role,
    create_invite,
    decide_request,
    delegation_card,
    find_request_delegation,
    leave_delegation,
    pending_requests,
    request_recipients,
    role_candidates,
)
from bot.delegations.services import join_by_invite as use_invite
from handlers.common.access import caller
from handlers.common.arguments import argument_text
from handlers.common.delivery import post
from handlers.common.replies import edit_quietly, reply
from handlers.context import ParkContext
from handlers.delegations.access import refuse_not_manager, resolve
from handlers.delegations.buttons import NewRole, RequestAnswer, RoleChange, Verdict

log = logging.getLogger(__name__)
INVITE_PREFIX = "inv_"


def _person(first_name: str, username: str | None) -> str:
    name = html.escape(first_name)
    return f"{name} (@{html.escape(username)})" if username else name


async def _is_real_person(update: Update, context: ParkContext) -> bool:
    """Anonymous admins and bots cannot be members; tell them how to act as themselves."""
    user = update.effective_user
    if user is None or user.is_bot or user.id == ANONYMOUS_ADMIN_ID:
        await reply(
            update,
            context,
            context.tr.t(
                "Only people can be members. If you post anonymously as the group, "
                "send this as yourself."
            ),
        )
        return False
    return True


async def join_command(update: Update, context: ParkContext) -> None:
    """/join NAME: ask to join; the delegation's heads get Approve / Decline buttons."""
    tr = context.tr
    if not await _is_real_person(update, context):
        return
    found = await resolve(update, context, argument_text(update), N_("/join NAME"))
    if found is None:
        return
    user = update.effective_user
    chat = update.effective_chat
    assert user is not None and chat is not None
    asked = await ask_to_join(context.store, found.id, user.id, chat.id)
    outcome, request_id = asked.outcome, asked.request_id
    name = html.escape(found.name)
    if outcome is Outcome.ALREADY_MEMBER:
        await reply(update, context, tr.t("You are already a member of {name}.", name=name))
        return
    assert request_id is not None
    delivered = await _send_request(
        context, found, request_id, _person(user.first_name, user.username)
    )
    if outcome is Outcome.ALREADY_PENDING:  # asked again: the reminder goes out again too
        text = tr.t("Your request to join {name} is waiting for an answer.", name=name)
    elif delivered:
        text = tr.t(
            "Your request to join {name} went to its heads. I will tell you their answer.",
            name=name,
        )
    else:
        text = tr.t(
            "Your request to join {name} is saved, but I could not reach its heads: ask them "
            "to link a home chat with /linkchat or to open a private chat with me.",
            name=name,
        )
    await reply(update, context, text)


def _request_keyboard(tr: Tr, request_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    "✅ " + tr.t("Approve"),
                    callback_data=RequestAnswer(request_id, Verdict.APPROVE).pack(),
                ),
                InlineKeyboardButton(
                    "❌ " + tr.t("Decline"),
                    callback_data=RequestAnswer(request_id, Verdict.DECLINE).pack(),
                ),
            ]
        ]
    )


async def _send_request(
    context: ParkContext, delegation: Delegation, request_id: int, person: str
) -> bool:
    """Post the request in the home chat, else to each head privately; True if anyone got it."""
    name = html.escape(delegation.name)

    def render(tr: Tr) -> str:
        return tr.t("{person} asks to join {name}.", person=person, name=name)

    recipients = await request_recipients(
        context.store, delegation, list(context.settings.coordinators)
    )
    home = recipients.home
    if home is not None and home.active:
        languages = effective(home, context.settings).languages
        sent = await post(
            context.bot,
            context.store,
            home.id,
            multilingual(languages, render),
            reply_markup=_request_keyboard(translator(languages[0]), request_id),
        )
        if sent is not None:
            return True
        log.warning("join request to home chat %s failed", home.id)
    # Without a head or a home chat, the configured coordinators decide.
    for people in (recipients.heads, recipients.coordinators):
        delivered = False
        for user_id, record in people:
            tr = _language_of(context, record)
            if await post(
                context.bot,
                context.store,
                user_id,
                render(tr),
                reply_markup=_request_keyboard(tr, request_id),
            ):
                delivered = True
            else:
                log.info("%s not reachable in private", user_id)
        if delivered:
            return True
    return False


async def send_pending_requests(context: ParkContext, delegation: Delegation) -> None:
    """Requests still waiting go to a newly linked home chat, so none is stuck."""
    for pending in await pending_requests(context.store, delegation.id):
        record, request = pending.person, pending.request
        person = _person(record.first_name, record.username) if record else str(request.user_id)
        await _send_request(context, delegation, request.id, person)


def _language_of(context: ParkContext, record: UserRecord | None) -> Tr:
    code = resolve_language(
        record.language if record else None,
        record.telegram_language if record else None,
        None,
        context.settings.default_language,
    )
    return translator(code)


async def request_pressed(update: Update, context: ParkContext) -> None:
    """Approve / Decline: only heads of that delegation or coordinators; each request once."""
    query = update.callback_query
    assert query is not None
    tr = context.tr
    parsed = RequestAnswer.unpack(query.data)
    decided = None
    approve = parsed is not None and parsed.verdict is Verdict.APPROVE
    if parsed is not None:
        decided = await decide_request(
            context.store, parsed.request_id, approve, caller(update, context)
        )
    if parsed is None or decided is None:
        await query.answer(tr.t("This button is no longer valid."), show_alert=True)
        return
    if isinstance(decided, Refusal):
        refused = await find_request_delegation(context.store, parsed.request_id)
        await query.answer(
            tr.t(
                "Only heads of {name} and coordinators can do this.",
                name=refused.name if refused else "",
            ),
            show_alert=True,
        )
        return
    request, delegation = decided.request, decided.delegation
    if decided.outcome is Outcome.NOT_PENDING:
        await query.answer(tr.t("This request was already answered."), show_alert=True)
        return
    await query.answer()
    decider = _person(query.from_user.first_name, query.from_user.username)
    verdict = (
        tr.t("✅ Approved by {person}.", person=decider)
        if approve
        else tr.t("❌ Declined by {person}.", person=decider)
    )
    if isinstance(query.message, Message):
        await edit_quietly(query, f"{query.message.text_html}\n\n{verdict}")
    await _tell_requester(
        context, decided.requester, request.user_id, request.asked_in_chat, delegation, approve
    )


async def _tell_requester(
    context: ParkContext,
    record: UserRecord | None,
    user_id: int,
    asked_in: int | None,
    delegation: Delegation,
    approve: bool,
) -> None:
    """Privately if possible, else in the chat where they asked."""
    tr = _language_of(context, record)
    name = html.escape(delegation.name)
    text = (
        tr.t("Welcome to {name}: your request was approved.", name=name)
        if approve
        else tr.t("Your request to join {name} was declined.", name=name)
    )
    for target in (user_id, asked_in):
        if target is None:
            continue
        if await post(context.bot, context.store, target, text):
            return
        log.info("could not tell %s in %s", user_id, target)


async def invite_command(update: Update, context: ParkContext) -> None:
    """/invite NAME: a deep link that makes whoever opens it a member at once."""
    tr = context.tr
    found = await resolve(update, context, argument_text(update), N_("/invite NAME"))
    if found is None:
        return
    invite = await create_invite(context.store, found, caller(update, context), context.clock.now())
    if isinstance(invite, Refusal):
        await refuse_not_manager(update, context, found)
        return
    user = update.effective_user
    link = f"https://t.me/{context.bot.username}?start={INVITE_PREFIX}{invite.token}"
    text = tr.t(
        "Send this link to your colleagues: opening it and pressing Start makes them members "
        "of {name}. It works for 7 days.\n{link}",
        name=html.escape(found.name),
        link=link,
    )
    chat = update.effective_chat
    if chat is None or chat.type == "private" or user is None or user.is_bot:
        await reply(update, context, text)
        return
    # In a group the link would be there for anyone to use: it goes to the head privately.
    if await post(context.bot, context.store, user.id, text) is None:
        await reply(
            update,
            context,
            tr.t(
                "I can only give you the link in a private chat: open a chat with me, press "
                "Start, and send /invite {name} there.",
                name=html.escape(found.name),
            ),
        )
        return
    await reply(update, context, tr.t("I sent you the invitation link in a private chat."))


async def join_by_invite(update: Update, context: ParkContext, token: str) -> None:
    """The Start of a deep link: join at once, or say why not."""
    tr = context.tr
    user = update.effective_user
    if user is None or user.is_bot:
        return
    joined = await use_invite(context.store, token, user.id, context.clock.now())
    outcome, found = joined.outcome, joined.delegation
    name = html.escape(found.name) if found else ""
    if outcome is Outcome.OK:
        text = tr.t("Welcome to {name}! /delegation {name} shows its card.", name=name)
    elif outcome is Outcome.ALREADY_MEMBER:
        text = tr.t("You are already a member of {name}.", name=name)
    else:
        text = tr.t("This invitation link has expired or is not valid. Ask a head for a new one.")
    await reply(update, context, text)


async def leave_command(update: Update, context: ParkContext) -> None:
    """/leave NAME: end your membership (the last head must hand over first)."""
    tr = context.tr
    if not await _is_real_person(update, context):
        return
    found = await resolve(update, context, argument_text(update), N_("/leave NAME"))
    if found is None:
        return
    user = update.effective_user
    assert user is not None
    outcome = await leave_delegation(context.store, found.id, user.id)
    name = html.escape(found.name)
    if outcome is Outcome.OK:
        text = tr.t("You have left {name}.", name=name)
    elif outcome is Outcome.LAST_HEAD:
        text = tr.t(
            "You are the last head of {name}: promote someone with /promote {name} first.",
            name=name,
        )
    else:
        text = tr.t("You are not a member of {name}.", name=name)
    await reply(update, context, text)


async def promote_command(update: Update, context: ParkContext) -> None:
    """/promote NAME: buttons with the members who could become heads."""
    await _role_menu(update, context, "head")


async def demote_command(update: Update, context: ParkContext) -> None:
    """/demote NAME: buttons with the heads who could become members."""
    await _role_menu(update, context, "member")


async def _role_menu(update: Update, context: ParkContext, new_role: str) -> None:
    tr = context.tr
    usage = N_("/promote NAME") if new_role == "head" else N_("/demote NAME")
    found = await resolve(update, context, argument_text(update), usage)
    if found is None:
        return
    candidates = await role_candidates(context.store, found, new_role, caller(update, context))
    if isinstance(candidates, Refusal):
        await refuse_not_manager(update, context, found)
        return
    name = html.escape(found.name)
    if not candidates:
        text = (
            tr.t("{name} has no members who are not heads yet.", name=name)
            if new_role == "head"
            else tr.t("{name} has no heads.", name=name)
        )
        await reply(update, context, text)
        return
    code = NewRole.HEAD if new_role == "head" else NewRole.MEMBER
    rows = [
        [
            InlineKeyboardButton(
                member.first_name,
                callback_data=RoleChange(found.id, member.user_id, code).pack(),
            )
        ]
        for member in candidates
    ]
    question = (
        tr.t("Whom should I make a head of {name}?", name=name)
        if new_role == "head"
        else tr.t("Which head of {name} should become a member?", name=name)
    )
    await reply(update, context, question, InlineKeyboardMarkup(rows))


async def role_pressed(update: Update, context: ParkContext) -> None:
    """A promotion or demotion button: checked again against the database and the presser."""
    query = update.callback_query
    assert query is not None
    tr = context.tr
    parsed = RoleChange.unpack(query.data)
    changed = None
    if parsed is not None:
        user_id = parsed.user_id
        role = "head" if parsed.role is NewRole.HEAD else "member"
        changed = await change_role(
            context.store, parsed.delegation_id, user_id, role, caller(update, context)
        )
    if parsed is None or changed is None:
        await query.answer(tr.t("This button is no longer valid."), show_alert=True)
        return
    if isinstance(changed, Refusal):
        named = await delegation_card(context.store, parsed.delegation_id)
        await query.answer(
            tr.t(
                "Only heads of {name} and coordinators can do this.",
                name=named.delegation.name if named else "",
            ),
            show_alert=True,
        )
        return
    found, outcome, record = changed.delegation, changed.outcome, changed.person
    person = _person(record.first_name, record.username) if record else str(user_id)
    name = html.escape(found.name)
    if outcome is Outcome.OK:
        text = (
            tr.t("{person} is now a head of {name}.", person=person, name=name)
            if role == "head"
            else tr.t("{person} is now a member of {name}.", person=person, name=name)
        )
    elif outcome is Outcome.LAST_HEAD:
        await query.answer(
            tr.t("{name} must keep at least one head.", name=found.name), show_alert=True
        )
        return
    elif outcome is Outcome.UNCHANGED:
        await query.answer(tr.t("Nothing to change."), show_alert=True)
        return
    else:
        await query.answer(tr.t("This person is no longer a member."), show_alert=True)
        return
    await query.answer()
    await edit_quietly(query, text)
