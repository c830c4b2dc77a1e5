"""/register: a coordinator registers a delegation step by step, or in one line."""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import (
    ConversationHandler,
)

from bot.common.i18n import N_
from bot.common.languages import SUPPORTED
from bot.common.problems import Invalid, problem_text
from bot.common.roles import ANONYMOUS_ADMIN_ID
from bot.delegations.countries import suggested_zone
from bot.delegations.policy import Refusal
from bot.delegations.rules import FIELDS, DelegationDraft, parse_one_line
from bot.delegations.services import name_taken, register_delegation
from handlers.common.access import in_group, is_configured, is_coordinator
from handlers.common.callbacks import unpack
from handlers.common.dialogue import (
    Dialogue,
    build_dialogue,
    drop_form,
    find_form,
    open_dialogue,
    owner_id,
    refuse_second_dialogue,
    require_reply_to,
    store_form,
)
from handlers.common.replies import reply
from handlers.context import ParkContext
from handlers.delegations.forms import (
    Form,
    ask,
    check,
    keyboard,
    question,
    toggle_area,
)
from handlers.delegations.views import show_card

KIND = "reg"
FORM = "register"
STATES = {name: index for index, name in enumerate(FIELDS)}
TIMEOUT_SECONDS = 15 * 60


async def start(update: Update, context: ParkContext) -> int:
    """Check the role, then either save a one-line form or ask the first question."""
    tr = context.tr
    if not await is_coordinator(update, context):
        await reply(
            update,
            context,
            tr.t(
                "Only coordinators can register delegations: group administrators and the "
                "coordinators named in the bot's configuration."
            ),
        )
        return ConversationHandler.END
    owner = owner_id(update)
    if open_dialogue(context, owner, FORM):
        await refuse_second_dialogue(update, context)
        return ConversationHandler.END
    message = update.effective_message
    typed = (message.text or "").split(maxsplit=1) if message else []
    if len(typed) > 1:
        drop_form(context, FORM, owner)
        await _one_line(update, context, typed[1])
        return ConversationHandler.END
    form = Form(field="name")
    store_form(context, FORM, owner, form)
    intro = tr.t("Let's register a delegation: 8 short questions. /cancel stops at any time.")
    await ask(update, context, form, intro + "\n\n" + _question(context, form, "name"), None)
    return STATES["name"]


def _question(context: ParkContext, form: Form, name: str) -> str:
    step = f"({FIELDS.index(name) + 1}/{len(FIELDS)}) "
    return question(context.tr, name, form.draft, step)


async def _one_line(update: Update, context: ParkContext, text: str) -> None:
    tr = context.tr
    parsed = parse_one_line(text)
    if isinstance(parsed, list):
        lines = [tr.t("Nothing was saved:")] + [f"• {problem_text(tr, p)}" for p in parsed]
        await reply(update, context, "\n".join(lines))
        return
    if not await _save(update, context, parsed):
        await reply(update, context, _duplicate(context, parsed.name))


async def _save(update: Update, context: ParkContext, draft: DelegationDraft) -> bool:
    """Store the delegation; False when its name was taken meanwhile (nothing stored)."""
    tr = context.tr
    user = update.effective_user
    actor = user.id if user else ANONYMOUS_ADMIN_ID
    head = None if actor == ANONYMOUS_ADMIN_ID or user is None or user.is_bot else actor
    chat = update.effective_chat
    home = None
    if chat is not None and in_group(update) and not is_configured(update, context):
        # A group's own administrator registers the group's delegation: the group is its home,
        # so its administrators keep managing it (an anonymous admin is no head).
        home = chat.id
    delegation = await register_delegation(context.store, draft, actor, head, home)
    if isinstance(delegation, Refusal):
        return False
    name = html.escape(delegation.name)
    await reply(
        update,
        context,
        tr.t(
            "Registered {name}. Next: /linkchat {name} in its group makes that group its home "
            "chat; /invite {name} gives a link that lets colleagues join.",
            name=name,
        ),
    )
    await show_card(update, context, delegation)
    return True


def _duplicate(context: ParkContext, name: str) -> str:
    return context.tr.t(
        "A delegation called “{name}” already exists. Choose another name, for example "
        "“{name} (Beijing)”.",
        name=html.escape(name),
    )


async def typed_answer(update: Update, context: ParkContext) -> int | None:
    """Validate the typed answer for the current step; stay there on bad input."""
    form = await find_form(update, context, FORM, Form)
    message = update.effective_message
    if form is None or form.field is None or message is None or message.text is None:
        return ConversationHandler.END
    require_reply_to(update, form.question_message)
    name = form.field
    value = check(name, message.text)
    if isinstance(value, Invalid):
        markup = keyboard(context.tr, KIND, name, form.draft)
        await ask(update, context, form, problem_text(context.tr, value), markup)
        return None
    if name == "name" and await name_taken(context.store, str(value)):
        await ask(update, context, form, _duplicate(context, str(value)), None)
        return None
    setattr(form.draft, name, value)
    return await _next(update, context, form, name)


async def _next(update: Update, context: ParkContext, form: Form, done: str) -> int | None:
    index = len(FIELDS) if form.finishing else FIELDS.index(done) + 1
    if index == len(FIELDS):
        if not await _save(update, context, form.draft):
            # The name was taken while the dialogue ran: ask for another, keep everything else.
            form.field = "name"
            form.finishing = True
            text = _duplicate(context, form.draft.name) + "\n" + _question(context, form, "name")
            await ask(update, context, form, text, None)
            return STATES["name"]
        drop_form(context, FORM, owner_id(update))
        return ConversationHandler.END
    name = FIELDS[index]
    form.field = name
    markup = keyboard(context.tr, KIND, name, form.draft)
    await ask(update, context, form, _question(context, form, name), markup)
    return STATES[name]


async def pressed(update: Update, context: ParkContext) -> int | None:
    """Buttons of the dialogue: language, suggested zone, areas, done, skip."""
    query = update.callback_query
    assert query is not None
    tr = context.tr
    form = await find_form(update, context, FORM, Form)
    parsed = unpack(query.data, KIND, 1) or unpack(query.data, KIND, 2)
    on_current = query.message is not None and form is not None
    if on_current and form is not None and query.message is not None:
        on_current = query.message.message_id == form.keyboard_message
    if form is None or parsed is None or form.field is None or not on_current:
        await query.answer(tr.t("This button is no longer valid."), show_alert=True)
        return None
    action, *rest = parsed.args
    step = form.field
    if action == "lang" and step == "language" and rest and rest[0] in SUPPORTED:
        await query.answer()
        form.draft.language = rest[0]
        return await _next(update, context, form, "language")
    if action == "tz" and step == "timezone":
        zone = suggested_zone(form.draft.country)
        if zone:
            await query.answer()
            form.draft.timezone = zone
            return await _next(update, context, form, "timezone")
    if action == "area" and step == "interests" and rest and toggle_area(form.draft, rest[0]):
        await query.answer()
        await query.edit_message_reply_markup(keyboard(tr, KIND, "interests", form.draft))
        return None
    if action == "done" and step == "interests":
        if not form.draft.interests:
            await query.answer(tr.t("Choose at least one area."), show_alert=True)
            return None
        await query.answer()
        return await _next(update, context, form, "interests")
    if action == "skip" and step == "description":
        await query.answer()
        form.draft.description = ""
        return await _next(update, context, form, "description")
    await query.answer(tr.t("This button is no longer valid."), show_alert=True)
    return None


def conversation() -> Dialogue:
    """The registration dialogue."""
    return build_dialogue(
        "register",
        form=FORM,
        start=start,
        typed_answer=typed_answer,
        pressed=pressed,
        button_kind=KIND,
        cancelled=N_("Registration cancelled. Nothing was saved."),
        abandoned=N_("The registration waited too long and was closed. Nothing was saved."),
        states=STATES.values(),
        timeout_seconds=TIMEOUT_SECONDS,
    )
