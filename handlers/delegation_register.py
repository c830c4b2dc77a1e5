"""/register: a coordinator registers a delegation step by step, or in one line."""

from __future__ import annotations

import html
import warnings
from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.context import ParkContext
from bot.countries import suggested_zone
from bot.delegation_rules import FIELDS, DelegationDraft, Invalid, parse_one_line
from bot.roles import ANONYMOUS_ADMIN_ID
from handlers.access import is_coordinator
from handlers.callbacks import unpack
from handlers.delegation_forms import (
    Form,
    ask,
    check,
    keyboard,
    problem_text,
    question,
    toggle_area,
)
from handlers.delegation_views import show_card
from handlers.dialogue import answer_and_stop
from handlers.replies import reply
from storage import delegations

KIND = "reg"
STATES = {name: index for index, name in enumerate(FIELDS)}
TIMEOUT_SECONDS = 15 * 60


def _key(update: Update) -> tuple[str, int]:
    chat = update.effective_chat
    return ("register", chat.id if chat else 0)


def _form(context: ParkContext, update: Update) -> Form | None:
    form = (context.user_data or {}).get(_key(update))
    return form if isinstance(form, Form) else None


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
    typed = (update.effective_message.text or "").split(maxsplit=1)  # type: ignore[union-attr]
    if len(typed) > 1:
        await _one_line(update, context, typed[1])
        return ConversationHandler.END
    form = Form(field="name")
    assert context.user_data is not None
    context.user_data[_key(update)] = form
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
    await _save(update, context, parsed)


async def _save(update: Update, context: ParkContext, draft: DelegationDraft) -> None:
    tr = context.tr
    user = update.effective_user
    actor = user.id if user else ANONYMOUS_ADMIN_ID
    head = None if actor == ANONYMOUS_ADMIN_ID or user is None or user.is_bot else actor
    try:
        delegation_id = await delegations.create(context.db, draft, actor, head)
    except delegations.DuplicateName:
        await reply(update, context, _duplicate(context, draft.name))
        return
    delegation = await delegations.by_id(context.db, delegation_id)
    assert delegation is not None
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


def _duplicate(context: ParkContext, name: str) -> str:
    return context.tr.t(
        "A delegation called “{name}” already exists. Choose another name, for example "
        "“{name} (Beijing)”.",
        name=html.escape(name),
    )


async def typed_answer(update: Update, context: ParkContext) -> int:
    """Validate the typed answer for the current step; stay there on bad input."""
    form = _form(context, update)
    message = update.effective_message
    if form is None or message is None or message.text is None:
        return ConversationHandler.END
    if form.field is None:
        return ConversationHandler.END
    name = form.field
    value = check(name, message.text)
    if isinstance(value, Invalid):
        markup = keyboard(context.tr, KIND, name, form.draft)
        await ask(update, context, form, problem_text(context.tr, value), markup)
        return STATES[name]
    if name == "name" and await delegations.name_taken(context.db, str(value)):
        await ask(update, context, form, _duplicate(context, str(value)), None)
        return STATES[name]
    setattr(form.draft, name, value)
    return await _next(update, context, form, name)


async def _next(update: Update, context: ParkContext, form: Form, done: str) -> int:
    index = FIELDS.index(done) + 1
    if index == len(FIELDS):
        assert context.user_data is not None
        context.user_data.pop(_key(update), None)
        await _save(update, context, form.draft)
        return ConversationHandler.END
    name = FIELDS[index]
    form.field = name
    await ask(
        update,
        context,
        form,
        _question(context, form, name),
        keyboard(context.tr, KIND, name, form.draft),
    )
    return STATES[name]


async def pressed(update: Update, context: ParkContext) -> int | None:
    """Buttons of the dialogue: language, suggested zone, areas, done, skip."""
    query = update.callback_query
    assert query is not None
    tr = context.tr
    form = _form(context, update)
    parsed = unpack(query.data, KIND, 1) or unpack(query.data, KIND, 2)
    if form is None or parsed is None or form.field is None:
        await query.answer(tr.t("This button is no longer valid."), show_alert=True)
        return None
    action, *rest = parsed.args
    step = form.field
    if action == "lang" and step == "language" and rest and rest[0] in ("en", "ru", "zh", "fi"):
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


async def cancel(update: Update, context: ParkContext) -> int:
    """Drop the draft: nothing was written yet, and nothing will be."""
    if context.user_data is not None:
        context.user_data.pop(_key(update), None)
    await reply(update, context, context.tr.t("Registration cancelled. Nothing was saved."))
    return ConversationHandler.END


async def timed_out(update: Update, context: ParkContext) -> None:
    """Say so when a dialogue was abandoned."""
    if context.user_data is not None:
        context.user_data.pop(_key(update), None)
    await reply(
        update,
        context,
        context.tr.t("The registration waited too long and was closed. Nothing was saved."),
    )


def conversation() -> ConversationHandler[ParkContext]:
    """The dialogue, keyed per chat and per user; the form lives in user_data."""
    text: BaseHandler[Update, ParkContext, Any] = MessageHandler(
        filters.TEXT & ~filters.COMMAND, answer_and_stop(typed_answer)
    )
    buttons: BaseHandler[Update, ParkContext, Any] = CallbackQueryHandler(
        pressed, pattern=rf"^{KIND}:"
    )
    states: dict[object, list[BaseHandler[Update, ParkContext, Any]]] = {
        state: [text, buttons] for state in STATES.values()
    }
    states[ConversationHandler.TIMEOUT] = [TypeHandler(Update, timed_out)]
    with warnings.catch_warnings():
        # Buttons are matched to the dialogue by chat and user, not by message; that is intended.
        warnings.simplefilter("ignore", PTBUserWarning)
        return ConversationHandler(
            entry_points=[CommandHandler("register", start)],
            states=states,
            fallbacks=[CommandHandler("cancel", cancel)],
            conversation_timeout=TIMEOUT_SECONDS,
            name="register",
        )
