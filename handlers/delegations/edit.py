"""/editdelegation NAME: heads and coordinators change one field at a time."""

from __future__ import annotations

import html
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
)

from bot.common.i18n import N_
from bot.common.languages import SUPPORTED
from bot.common.problems import Invalid, problem_text
from bot.delegations.countries import suggested_zone
from bot.delegations.models import Delegation
from bot.delegations.policy import Refusal
from bot.delegations.rules import FIELDS, DelegationDraft
from bot.delegations.services import delegation_card, edit_delegation_field
from handlers.common.access import caller
from handlers.common.arguments import argument_text
from handlers.common.callbacks import pack, unpack
from handlers.common.dialogue import (
    ANSWER,
    NOT_TEXT,
    TIMEOUT,
    Dialogue,
    answer_and_stop,
    drop_form,
    find_form,
    not_text,
    open_dialogue,
    owner_id,
    refuse_second_dialogue,
    require_reply_to,
    store_form,
)
from handlers.common.replies import reply
from handlers.common.routing import command
from handlers.context import ParkContext
from handlers.delegations.access import can_manage, refuse_not_manager, resolve
from handlers.delegations.forms import (
    FIELD_LABELS,
    Form,
    ask,
    check,
    keyboard,
    question,
    toggle_area,
)
from handlers.delegations.views import show_card

KIND = "ed"
FORM = "edit"
CHOOSING, TYPING = range(2)
TIMEOUT_SECONDS = 15 * 60


def _draft_of(delegation: Delegation) -> DelegationDraft:
    return DelegationDraft(
        name=delegation.name,
        organisation=delegation.organisation,
        country=delegation.country,
        city=delegation.city,
        language=delegation.language,
        timezone=delegation.timezone,
        interests=list(delegation.interests),
        description=delegation.description,
    )


async def start(update: Update, context: ParkContext) -> int:
    """Check the caller may manage the delegation, then offer its fields as buttons."""
    tr = context.tr
    owner = owner_id(update)
    if open_dialogue(context, owner, FORM):
        await refuse_second_dialogue(update, context)
        return ConversationHandler.END
    found = await resolve(update, context, argument_text(update), N_("/editdelegation NAME"))
    if found is None:
        return ConversationHandler.END
    if not await can_manage(update, context, found):
        await refuse_not_manager(update, context, found)
        return ConversationHandler.END
    form = Form(draft=_draft_of(found), delegation_id=found.id)
    store_form(context, FORM, owner, form)
    buttons = [
        InlineKeyboardButton(
            f"{number}. {tr.t(FIELD_LABELS[name])}", callback_data=pack(KIND, "f", name)
        )
        for number, name in enumerate(FIELDS, start=1)
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    text = tr.t("What should change in {name}? /cancel stops.", name=html.escape(found.name))
    await ask(update, context, form, text, InlineKeyboardMarkup(rows))
    return CHOOSING


async def _choose(update: Update, context: ParkContext, form: Form, name: str) -> int:
    """Ask for the new value of one field."""
    form.field = name
    markup = keyboard(context.tr, KIND, name, form.draft)
    await ask(update, context, form, question(context.tr, name, form.draft), markup)
    return TYPING


async def typed_choice(update: Update, context: ParkContext) -> int | None:
    """A field chosen by typing its number or its name (anonymous admins can only type)."""
    form = await find_form(update, context, FORM, Form)
    message = update.effective_message
    if form is None or message is None or message.text is None:
        return ConversationHandler.END
    require_reply_to(update, form.question_message)
    typed = message.text.strip().casefold().rstrip(".")
    tr = context.tr
    for number, name in enumerate(FIELDS, start=1):
        if typed in (str(number), name, tr.t(FIELD_LABELS[name]).casefold()):
            return await _choose(update, context, form, name)
    await reply(update, context, tr.t("Press one of the buttons, or type its number."))
    return None


async def pressed(update: Update, context: ParkContext) -> int | None:
    """Field choice, then the field's own buttons (language, zone, areas, skip)."""
    query = update.callback_query
    assert query is not None
    tr = context.tr
    form = await find_form(update, context, FORM, Form)
    parsed = unpack(query.data, KIND, 1) or unpack(query.data, KIND, 2)
    current = (
        form is not None
        and query.message is not None
        and query.message.message_id == form.keyboard_message
    )
    if form is None or parsed is None or not current:
        await query.answer(tr.t("This button is no longer valid."), show_alert=True)
        return None
    action, *rest = parsed.args
    if action == "f" and rest and rest[0] in FIELDS and form.field is None:
        await query.answer()
        return await _choose(update, context, form, rest[0])
    if form.field == "language" and action == "lang" and rest and rest[0] in SUPPORTED:
        await query.answer()
        return await _save(update, context, form, rest[0])
    if form.field == "timezone" and action == "tz":
        zone = suggested_zone(form.draft.country)
        if zone:
            await query.answer()
            return await _save(update, context, form, zone)
    if form.field == "interests" and action == "area" and rest and toggle_area(form.draft, rest[0]):
        await query.answer()
        await query.edit_message_reply_markup(keyboard(tr, KIND, "interests", form.draft))
        return None
    if form.field == "interests" and action == "done":
        if not form.draft.interests:
            await query.answer(tr.t("Choose at least one area."), show_alert=True)
            return None
        await query.answer()
        return await _save(update, context, form, list(form.draft.interests))
    if form.field == "description" and action == "skip":
        await query.answer()
        return await _save(update, context, form, "")
    await query.answer(tr.t("This button is no longer valid."), show_alert=True)
    return None


async def typed_answer(update: Update, context: ParkContext) -> int | None:
    """Validate the new value; stay on the field when it is refused."""
    form = await find_form(update, context, FORM, Form)
    message = update.effective_message
    if form is None or form.field is None or message is None or message.text is None:
        return ConversationHandler.END
    require_reply_to(update, form.question_message)
    value = check(form.field, message.text)
    if isinstance(value, Invalid):
        markup = keyboard(context.tr, KIND, form.field, form.draft)
        await ask(update, context, form, problem_text(context.tr, value), markup)
        return None
    return await _save(update, context, form, value)


async def _save(
    update: Update, context: ParkContext, form: Form, value: str | list[str]
) -> int | None:
    """Re-check the caller's right (it may have changed), store the field, show the card."""
    assert form.delegation_id is not None and form.field is not None
    tr = context.tr
    updated = await edit_delegation_field(
        context.store, form.delegation_id, form.field, value, caller(update, context)
    )
    if updated is None:
        return await _end(update, context)
    if updated is Refusal.NOT_MANAGER:
        refused = await delegation_card(context.store, form.delegation_id)
        if refused is not None:
            await refuse_not_manager(update, context, refused.delegation)
        return await _end(update, context)
    if isinstance(updated, Refusal):
        text = tr.t(
            "A delegation called “{name}” already exists. Choose another name, for example "
            "“{name} (Beijing)”.",
            name=html.escape(str(value)),
        )
        await ask(update, context, form, text, None)
        return None
    await reply(update, context, tr.t("Saved: {field}.", field=tr.t(FIELD_LABELS[form.field])))
    await show_card(update, context, updated)
    return await _end(update, context)


async def _end(update: Update, context: ParkContext) -> int:
    drop_form(context, FORM, owner_id(update))
    return ConversationHandler.END


async def cancel(update: Update, context: ParkContext) -> int:
    """Leave without changing anything."""
    await reply(update, context, context.tr.t("Editing cancelled. Nothing was changed."))
    return await _end(update, context)


async def timed_out(update: Update, context: ParkContext) -> None:
    """Say so when an edit was abandoned."""
    drop_form(context, FORM, owner_id(update))
    await reply(
        update, context, context.tr.t("The edit waited too long and was closed. Nothing changed.")
    )


def conversation() -> Dialogue:
    """The edit dialogue, keyed per chat and per user."""
    choice: BaseHandler[Update, ParkContext, Any] = MessageHandler(
        ANSWER, answer_and_stop(typed_choice)
    )
    text: BaseHandler[Update, ParkContext, Any] = MessageHandler(
        ANSWER, answer_and_stop(typed_answer)
    )
    other: BaseHandler[Update, ParkContext, Any] = MessageHandler(NOT_TEXT, not_text)
    buttons: BaseHandler[Update, ParkContext, Any] = CallbackQueryHandler(
        pressed, pattern=rf"^{KIND}:"
    )
    return Dialogue(
        "editdelegation",
        form=FORM,
        entry_points=[command("editdelegation", start)],
        states={
            CHOOSING: [choice, other, buttons],
            TYPING: [text, other, buttons],
            TIMEOUT: [TypeHandler(Update, timed_out)],
        },
        fallbacks=[command("cancel", cancel)],
        timeout_seconds=TIMEOUT_SECONDS,
    )
