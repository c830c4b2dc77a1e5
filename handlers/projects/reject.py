"""⛔ Reject on a card: a coordinator gives the reason, sees it again, and confirms.

The dialogue is built like every other one (handlers/dialogue.py): one at a time per person
and chat, its form in chat_data, and in a group only a reply to its latest question is an
answer, so a remark to colleagues never becomes a reason. Rejection is final, so the reason
is shown back with Confirm / Cancel before the stage moves.

Anonymous administrators: Telegram sends their button presses from their own account but
their messages as the group. The ⛔ press opens the dialogue for the account that pressed;
a reason posted anonymously in reply to that question is routed to it (see RejectDialogue).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from telegram import ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
)

from bot.common.problems import problem_text
from bot.common.roles import is_anonymous_admin
from bot.projects.rules import check_reason
from bot.projects.stages import REJECTED
from handlers.common.callbacks import as_id, pack, unpack
from handlers.common.dialogue import (
    ANSWER,
    NOT_TEXT,
    TIMEOUT,
    Dialogue,
    NotAnAnswer,
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
from handlers.common.replies import edit_buttons_quietly, send_html
from handlers.common.routing import command
from handlers.context import ParkContext
from handlers.projects.actions import alert, apply_move, refusal_for_move
from handlers.projects.views import REJECT_KIND, invalid
from storage.unit_of_work import repositories

KIND = "pr"  # Confirm / Cancel under the reason
FORM = "reject"
REASON = 0
TIMEOUT_SECONDS = 15 * 60


@dataclass
class Rejection:
    """One rejection being prepared: the project, the reason once given, and its messages."""

    project_id: int
    owner: int  # who pressed ⛔ (an anonymous admin's own account)
    reason: str | None = None
    anonymous: bool = False  # the reason was posted by an anonymous administrator
    quote: int | None = None  # the last typed answer, which the next question replies to
    question_message: int | None = None  # in groups, answers must reply to this message
    keyboard_message: int | None = None  # Confirm / Cancel on any other message are stale
    last_update: int | None = None  # the last update that touched it (see timed_out)


def _forms(context: ParkContext) -> list[Rejection]:
    return [
        form
        for key, form in (context.chat_data or {}).items()
        if isinstance(key, tuple) and key[:1] == (FORM,) and isinstance(form, Rejection)
    ]


def _from_anonymous_admin(update: Update) -> bool:
    message = update.message
    chat = update.effective_chat
    user = update.effective_user
    if message is None or chat is None or user is None:
        return False
    sender = message.sender_chat
    return is_anonymous_admin(chat.id, user.id, sender.id if sender else None)


async def _form(update: Update, context: ParkContext) -> Rejection | None:
    """The caller's rejection; for an anonymous admin, the one whose question they replied to."""
    form = await find_form(update, context, FORM, Rejection)
    message = update.message
    if form is None and message is not None and _from_anonymous_admin(update):
        replied = message.reply_to_message
        if replied is not None:
            form = next(
                (f for f in _forms(context) if f.question_message == replied.message_id), None
            )
    if form is not None:
        form.last_update = update.update_id
    return form


async def _ask(
    update: Update,
    context: ParkContext,
    form: Rejection,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """A question (or the reason shown back); in groups it must be answered by a reply."""
    chat = update.effective_chat
    assert chat is not None
    message = update.effective_message
    if update.callback_query is None and message is not None:
        form.quote = message.message_id
    in_group = chat.type != "private"
    reply_markup: InlineKeyboardMarkup | ForceReply | None = markup
    if in_group and markup is None:
        # Not selective: the presser may answer as themselves or anonymously as the group.
        reply_markup = ForceReply()
    thread = message.message_thread_id if message and message.is_topic_message else None
    sent = await send_html(
        context.bot,
        chat.id,
        text,
        reply_markup=reply_markup,
        thread_id=thread,
        reply_to=form.quote if in_group and update.callback_query is None else None,
    )
    form.question_message = sent.message_id
    form.keyboard_message = sent.message_id if markup is not None else None


def _question(context: ParkContext, project_id: int) -> str:
    return context.tr.t(
        "Why is project #{id} rejected? Type the reason (up to 500 characters), or /cancel.",
        id=project_id,
    )


async def pressed(update: Update, context: ParkContext) -> int | None:
    """⛔ on a card: check the press and the caller's right, then ask why."""
    query = update.callback_query
    assert query is not None
    parsed = unpack(query.data, REJECT_KIND, 1)
    project_id = as_id(parsed.args[0]) if parsed is not None else None
    project = (
        await repositories(context.db).projects.get(project_id) if project_id is not None else None
    )
    if project is None:
        await query.answer(invalid(context.tr), show_alert=True)
        return None
    refusal = await refusal_for_move(update, context, project, REJECTED)
    if refusal is not None:
        await alert(update, context, refusal)
        return None
    owner = owner_id(update)
    if open_dialogue(context, owner, FORM):
        await query.answer()
        await refuse_second_dialogue(update, context)
        return None
    current = await find_form(update, context, FORM, Rejection)
    if current is not None and current.project_id == project.id and current.reason is None:
        await query.answer()  # a double tap: the question is already there
        return None
    form = Rejection(project_id=project.id, owner=owner, last_update=update.update_id)
    store_form(context, FORM, owner, form)
    await query.answer()
    await _ask(update, context, form, _question(context, project.id))
    return REASON


async def typed_reason(update: Update, context: ParkContext) -> int | None:
    """Check the reason, then show it back with Confirm / Cancel; nothing moves yet.

    A reason typed at the confirmation (in a group: in reply to it) replaces the first one.
    """
    message = update.effective_message
    form = await _form(update, context)
    if form is None and not _from_anonymous_admin(update):
        return ConversationHandler.END  # the rejection was closed meanwhile
    if message is None or message.text is None or form is None:
        raise NotAnAnswer
    require_reply_to(update, form.question_message)
    project = await repositories(context.db).projects.get(form.project_id)
    if project is None:
        drop_form(context, FORM, form.owner)
        return ConversationHandler.END
    tr = context.tr
    reason = check_reason(message.text)
    if not isinstance(reason, str):
        await _ask(
            update,
            context,
            form,
            problem_text(tr, reason) + "\n\n" + _question(context, project.id),
        )
        return None
    form.reason = reason
    form.anonymous = _from_anonymous_admin(update)
    pid = str(project.id)
    buttons = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("⛔ " + tr.t("Confirm"), callback_data=pack(KIND, "ok", pid)),
                InlineKeyboardButton(tr.t("Cancel"), callback_data=pack(KIND, "no", pid)),
            ]
        ]
    )
    text = tr.t(
        "Reject project #{id} “{title}” for this reason?\n\n{reason}\n\nConfirm rejects it for "
        "good. To change the reason, send another one in reply to this message.",
        id=project.id,
        title=html.escape(project.title, quote=False),
        reason=html.escape(reason, quote=False),
    )
    await _ask(update, context, form, text, buttons)
    return None


async def confirm_pressed(update: Update, context: ParkContext) -> int | None:
    """Confirm rejects (rights and rules checked again); Cancel leaves the project as it was."""
    query = update.callback_query
    assert query is not None
    tr = context.tr
    form = await find_form(update, context, FORM, Rejection)
    parsed = unpack(query.data, KIND, 2)
    current = (
        form is not None
        and parsed is not None
        and parsed.args[0] in ("ok", "no")
        and as_id(parsed.args[1]) == form.project_id
        and form.reason is not None
        and query.message is not None
        and query.message.message_id == form.keyboard_message
    )
    if form is None or parsed is None or form.reason is None or not current:
        await query.answer(invalid(tr), show_alert=True)
        return None
    if parsed.args[0] == "no":
        await query.answer()
        await edit_buttons_quietly(query, None)
        drop_form(context, FORM, form.owner)
        await _say(update, context, tr.t("Nothing was changed: the project stays as it was."))
        return ConversationHandler.END
    project = await repositories(context.db).projects.get(form.project_id)
    if project is None:
        await query.answer(invalid(tr), show_alert=True)
        drop_form(context, FORM, form.owner)
        return ConversationHandler.END
    refusal = await refusal_for_move(update, context, project, REJECTED)
    if refusal is None:
        await query.answer()
        await edit_buttons_quietly(query, None)
        refusal = await apply_move(
            update, context, project, REJECTED, form.reason, anonymous=form.anonymous
        )
        if refusal is not None:
            await _say(update, context, refusal)
    else:
        await alert(update, context, refusal)
        await edit_buttons_quietly(query, None)
    drop_form(context, FORM, form.owner)
    return ConversationHandler.END


async def _say(update: Update, context: ParkContext, text: str) -> None:
    chat = update.effective_chat
    message = update.effective_message
    if chat is not None:
        thread = message.message_thread_id if message and message.is_topic_message else None
        await send_html(context.bot, chat.id, text, thread_id=thread)


async def cancel(update: Update, context: ParkContext) -> int:
    """Leave the project as it was.

    An anonymous admin's /cancel reaches this only in reply to the question (see
    RejectDialogue), and so ends the conversation of the rejection it replies to.
    """
    form = await _form(update, context)
    drop_form(context, FORM, form.owner if form is not None else owner_id(update))
    await _say(update, context, context.tr.t("Nothing was changed: the project stays as it was."))
    return ConversationHandler.END


async def timed_out(update: Update, context: ParkContext) -> None:
    """Forget an abandoned rejection (the last update may have been an anonymous answer)."""
    owner = owner_id(update)
    for form in _forms(context):
        if form.owner == owner or form.last_update == update.update_id:
            drop_form(context, FORM, form.owner)


def conversation() -> Dialogue:
    """Per chat and presser; ⛔ again restarts, other dialogues wait until this one ends."""
    text: BaseHandler[Update, ParkContext, Any] = MessageHandler(
        ANSWER, answer_and_stop(typed_reason)
    )
    other: BaseHandler[Update, ParkContext, Any] = MessageHandler(NOT_TEXT, not_text)
    buttons: BaseHandler[Update, ParkContext, Any] = CallbackQueryHandler(
        confirm_pressed, pattern=rf"^{KIND}:"
    )
    # An anonymous admin's reply to a rejection question reaches the rejection it answers.
    return Dialogue(
        "reject",
        form=FORM,
        entry_points=[CallbackQueryHandler(pressed, pattern=rf"^{REJECT_KIND}:")],
        states={REASON: [text, other, buttons], TIMEOUT: [TypeHandler(Update, timed_out)]},
        fallbacks=[command("cancel", cancel)],
        timeout_seconds=TIMEOUT_SECONDS,
        allow_reentry=True,
        anonymous_replies=True,
    )
