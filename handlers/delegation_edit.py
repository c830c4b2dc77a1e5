"""/editdelegation NAME: heads and coordinators change one field at a time."""

from __future__ import annotations

import html
import warnings
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
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
from bot.delegation_rules import FIELDS, DelegationDraft, Invalid
from bot.i18n import N_
from handlers.callbacks import pack, unpack
from handlers.delegation_access import argument_text, can_manage, refuse_not_manager, resolve
from handlers.delegation_forms import (
    FIELD_LABELS,
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
from storage.delegations import Delegation

KIND = "ed"
CHOOSING, TYPING = range(2)
TIMEOUT_SECONDS = 15 * 60


def _key(update: Update) -> tuple[str, int]:
    chat = update.effective_chat
    return ("edit", chat.id if chat else 0)


def _form(context: ParkContext, update: Update) -> Form | None:
    form = (context.user_data or {}).get(_key(update))
    return form if isinstance(form, Form) else None


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
    found = await resolve(update, context, argument_text(update), N_("/editdelegation NAME"))
    if found is None:
        return ConversationHandler.END
    if not await can_manage(update, context, found):
        await refuse_not_manager(update, context, found)
        return ConversationHandler.END
    form = Form(draft=_draft_of(found), delegation_id=found.id)
    assert context.user_data is not None
    context.user_data[_key(update)] = form
    buttons = [
        InlineKeyboardButton(tr.t(FIELD_LABELS[name]), callback_data=pack(KIND, "f", name))
        for name in FIELDS
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    text = tr.t("What should change in {name}? /cancel stops.", name=html.escape(found.name))
    await ask(update, context, form, text, InlineKeyboardMarkup(rows))
    return CHOOSING


async def pressed(update: Update, context: ParkContext) -> int | None:
    """Field choice, then the field's own buttons (language, zone, areas, skip)."""
    query = update.callback_query
    assert query is not None
    tr = context.tr
    form = _form(context, update)
    parsed = unpack(query.data, KIND, 1) or unpack(query.data, KIND, 2)
    if form is None or parsed is None:
        await query.answer(tr.t("This button is no longer valid."), show_alert=True)
        return None
    action, *rest = parsed.args
    if action == "f" and rest and rest[0] in FIELDS and form.field is None:
        await query.answer()
        form.field = rest[0]
        if form.field == "interests":
            form.draft.interests = list(form.draft.interests)
        markup = keyboard(tr, KIND, form.field, form.draft)
        await ask(update, context, form, question(tr, form.field, form.draft), markup)
        return TYPING
    if (
        form.field == "language"
        and action == "lang"
        and rest
        and rest[0] in ("en", "ru", "zh", "fi")
    ):
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
    form = _form(context, update)
    message = update.effective_message
    if form is None or form.field is None or message is None or message.text is None:
        return None
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
    delegation = await delegations.by_id(context.db, form.delegation_id)
    if delegation is None or not await can_manage(update, context, delegation):
        if delegation is not None:
            await refuse_not_manager(update, context, delegation)
        return await _end(update, context)
    user = update.effective_user
    try:
        await delegations.update_field(
            context.db, delegation.id, form.field, value, user.id if user else 0
        )
    except delegations.DuplicateName:
        text = tr.t(
            "A delegation called “{name}” already exists. Choose another name, for example "
            "“{name} (Beijing)”.",
            name=html.escape(str(value)),
        )
        await ask(update, context, form, text, None)
        return None
    await reply(update, context, tr.t("Saved: {field}.", field=tr.t(FIELD_LABELS[form.field])))
    updated = await delegations.by_id(context.db, delegation.id)
    assert updated is not None
    await show_card(update, context, updated)
    return await _end(update, context)


async def _end(update: Update, context: ParkContext) -> int:
    if context.user_data is not None:
        context.user_data.pop(_key(update), None)
    return ConversationHandler.END


async def cancel(update: Update, context: ParkContext) -> int:
    """Leave without changing anything."""
    await reply(update, context, context.tr.t("Editing cancelled. Nothing was changed."))
    return await _end(update, context)


async def timed_out(update: Update, context: ParkContext) -> None:
    """Forget an abandoned edit."""
    if context.user_data is not None:
        context.user_data.pop(_key(update), None)


def conversation() -> ConversationHandler[ParkContext]:
    """The edit dialogue, keyed per chat and per user."""
    text: BaseHandler[Update, ParkContext, Any] = MessageHandler(
        filters.TEXT & ~filters.COMMAND, answer_and_stop(typed_answer)
    )
    buttons: BaseHandler[Update, ParkContext, Any] = CallbackQueryHandler(
        pressed, pattern=rf"^{KIND}:"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBUserWarning)
        return ConversationHandler(
            entry_points=[CommandHandler("editdelegation", start)],
            states={
                CHOOSING: [buttons],
                TYPING: [text, buttons],
                ConversationHandler.TIMEOUT: [TypeHandler(Update, timed_out)],
            },
            fallbacks=[CommandHandler("cancel", cancel)],
            conversation_timeout=TIMEOUT_SECONDS,
            name="editdelegation",
        )
