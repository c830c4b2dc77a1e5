"""What every dialogue shares: its own input only, one at a time, anonymous admins included."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Coroutine, Iterable, Sequence
from typing import Any, Protocol, TypeVar

from telegram import ForceReply, InlineKeyboardMarkup, Update
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.common.roles import ANONYMOUS_ADMIN_ID
from handlers.common.access import is_group_admin
from handlers.common.replies import reply, send_html
from handlers.common.routing import command
from handlers.context import ParkContext

Step = Callable[[Update, ParkContext], Coroutine[Any, Any, int | None]]
FormT = TypeVar("FormT")
# Answers are new text messages: an edit of an old message is not an answer to this question.
# In a group they must also be replies (to the question: see `answers_question`), so that a
# remark to colleagues is never taken for an answer when the bot can read every message.
ANSWER = (
    filters.UpdateType.MESSAGE
    & filters.TEXT
    & ~filters.COMMAND
    & (filters.ChatType.PRIVATE | filters.REPLY)
)
NOT_TEXT = filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.COMMAND
# Every dialogue's form lives in chat_data under (kind, owner id); this lists the kinds.
KINDS: set[str] = set()


class NotAnAnswer(Exception):
    """Raised by a step for a message that is not an answer to its question (let it pass)."""


def answer_and_stop(step: Step) -> Step:
    """Run a dialogue step, then stop the update there (ConversationHandler keeps the state).

    A step that raises NotAnAnswer leaves the state as it is and lets the message go on to
    the other handlers (a reply to something else in the group is just conversation).
    """

    async def run(update: Update, context: ParkContext) -> int | None:
        try:
            state = await step(update, context)
        except NotAnAnswer:
            return None
        raise ApplicationHandlerStop(state)

    return run


def require_reply_to(update: Update, question_message: int | None) -> None:
    """In a group, only a reply to the dialogue's latest question is an answer to it."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None or chat.type == "private":
        return
    replied = message.reply_to_message
    if replied is None or question_message is None or replied.message_id != question_message:
        raise NotAnAnswer


class GroupDialogue(ConversationHandler[ParkContext]):
    """A dialogue keyed per chat and user, where an anonymous admin's buttons still work.

    Telegram sends an anonymous administrator's messages as GroupAnonymousBot but their
    button presses as themselves; such a press is routed to the anonymous dialogue (the
    step handler then checks that the presser is an administrator of the group).
    """

    def _get_key(self, update: Update) -> tuple[int | str, ...]:
        key = super()._get_key(update)
        chat = update.effective_chat
        if (
            update.callback_query is not None
            and chat is not None
            and key not in self._conversations
        ):
            anonymous = (chat.id, ANONYMOUS_ADMIN_ID)
            if anonymous in self._conversations:
                return anonymous
        return key


def owner_id(update: Update) -> int:
    """Whose dialogue this update belongs to."""
    user = update.effective_user
    return user.id if user is not None else ANONYMOUS_ADMIN_ID


def store_form(context: ParkContext, kind: str, owner: int, form: object) -> None:
    """Keep a dialogue's form in the chat's data."""
    assert context.chat_data is not None
    KINDS.add(kind)
    context.chat_data[(kind, owner)] = form


def drop_form(context: ParkContext, kind: str, owner: int) -> None:
    """Forget a dialogue's form."""
    if context.chat_data is not None:
        context.chat_data.pop((kind, owner), None)


async def find_form(
    update: Update, context: ParkContext, kind: str, form_type: type[FormT]
) -> FormT | None:
    """The caller's form; for a press, an anonymous admin's form if the presser is an admin."""
    data = context.chat_data or {}
    form = data.get((kind, owner_id(update)))
    if form is None and update.callback_query is not None:
        form = data.get((kind, ANONYMOUS_ADMIN_ID))
        if form is not None and not await is_group_admin(update, context):
            return None
    return form if isinstance(form, form_type) else None


def open_dialogue(context: ParkContext, owner: int, except_kind: str) -> str | None:
    """Another dialogue this person has open in this chat, if any."""
    data = context.chat_data or {}
    return next((kind for kind in KINDS if kind != except_kind and (kind, owner) in data), None)


async def refuse_second_dialogue(update: Update, context: ParkContext) -> None:
    """One dialogue at a time: answer the open one first, or /cancel it."""
    await reply(
        update,
        context,
        context.tr.t(
            "You are in the middle of another dialogue here: answer its question, or send "
            "/cancel to drop it first."
        ),
    )


async def not_text(update: Update, context: ParkContext) -> None:
    """A photo or a file where a typed answer is expected."""
    await reply(
        update,
        context,
        context.tr.t("Please answer with text, or send /cancel to stop."),
    )
    raise ApplicationHandlerStop(None)


class Asking(Protocol):
    """What a dialogue form remembers about its questions."""

    quote: int | None  # the user's last message, which questions reply to in groups
    question_message: int | None  # the latest question: in groups, answers must reply to it
    keyboard_message: int | None  # the latest question with buttons: presses elsewhere are stale


async def ask_question(
    update: Update,
    context: ParkContext,
    form: Asking,
    text: str,
    markup: InlineKeyboardMarkup | None,
) -> None:
    """Send a question; in groups as a forced reply to the user, so privacy mode lets it through."""
    chat = update.effective_chat
    assert chat is not None
    message = update.effective_message
    if update.callback_query is None and message is not None:
        form.quote = message.message_id
    in_group = chat.type != "private"
    reply_markup: InlineKeyboardMarkup | ForceReply | None = markup
    if in_group and markup is None:
        reply_markup = ForceReply(selective=True)
    elif in_group:
        text += "\n" + context.tr.t("To type an answer instead, reply to this message.")
    thread = message.message_thread_id if message and message.is_topic_message else None
    sent = await send_html(
        context.bot,
        chat.id,
        text,
        reply_markup=reply_markup,
        thread_id=thread,
        reply_to=form.quote if in_group else None,
    )
    form.question_message = sent.message_id
    if isinstance(markup, InlineKeyboardMarkup):
        form.keyboard_message = sent.message_id


Callback = Callable[[Update, ParkContext], Coroutine[Any, Any, Any]]


def build_dialogue(
    name: str,
    *,
    form: str,
    start: Callback,
    typed_answer: Step,
    pressed: Callback,
    button_kind: str,
    cancelled: str,
    abandoned: str,
    states: Iterable[object],
    timeout_seconds: int,
    extra_entry_points: Sequence[BaseHandler[Update, ParkContext, Any]] = (),
) -> ConversationHandler[ParkContext]:
    """A one-command dialogue: typed answers, a re-ask for non-text, its own buttons, /cancel.

    `/NAME` again starts over; answers are new text messages (in groups, replies to the
    question); other dialogues of the same person wait until this one ends. `/cancel` and
    the timeout drop the form stored under `form` and say `cancelled` / `abandoned` (msgids).
    """

    async def cancel(update: Update, context: ParkContext) -> int:
        drop_form(context, form, owner_id(update))
        await reply(update, context, context.tr.t(cancelled))
        return ConversationHandler.END

    async def timed_out(update: Update, context: ParkContext) -> None:
        drop_form(context, form, owner_id(update))
        await reply(update, context, context.tr.t(abandoned))

    text: BaseHandler[Update, ParkContext, Any] = MessageHandler(
        ANSWER, answer_and_stop(typed_answer)
    )
    other: BaseHandler[Update, ParkContext, Any] = MessageHandler(NOT_TEXT, not_text)
    buttons: BaseHandler[Update, ParkContext, Any] = CallbackQueryHandler(
        pressed, pattern=rf"^{button_kind}:"
    )
    table: dict[object, list[BaseHandler[Update, ParkContext, Any]]] = {
        state: [text, other, buttons] for state in states
    }
    table[ConversationHandler.TIMEOUT] = [TypeHandler(Update, timed_out)]
    with warnings.catch_warnings():
        # Buttons are matched to the dialogue by chat and user, and checked against the
        # message they sit on by the step handlers.
        warnings.simplefilter("ignore", PTBUserWarning)
        return GroupDialogue(
            entry_points=[
                command(name, start),
                *extra_entry_points,
            ],
            states=table,
            fallbacks=[command("cancel", cancel)],
            conversation_timeout=timeout_seconds,
            allow_reentry=True,
            name=name,
        )
