"""What every dialogue shares: its own input only, one at a time, anonymous admins included."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Coroutine, Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol, TypeVar

from telegram import ForceReply, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.common import draft_codec
from bot.common.clock import Clock
from bot.common.drafts import StoredDraft
from bot.common.roles import ANONYMOUS_ADMIN_ID, is_anonymous_admin
from handlers.common.access import is_group_admin
from handlers.common.preprocess import language_for, restore_forms
from handlers.common.replies import reply, send_html
from handlers.common.routing import command
from handlers.context import ParkContext

log = logging.getLogger(__name__)
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


Key = tuple[int, int]  # (chat id, owner id)
END: int = ConversationHandler.END  # a step returns this when its dialogue is over
TIMEOUT: int = ConversationHandler.TIMEOUT  # the state whose handlers say "abandoned"
SWEEP_SECONDS = 30  # how often abandoned dialogues are looked for


@dataclass
class Conversation:
    """One open dialogue of one person in one chat: where it stands and what last moved it."""

    state: object
    expires_at: datetime | None
    last_update: dict[str, Any]  # the timeout handlers answer this update, as the library does


@dataclass(frozen=True)
class Match:
    """What check_update found: the conversation it belongs to and the handler to run."""

    key: Key
    state: object | None
    handler: BaseHandler[Update, ParkContext, Any]
    check: object


class Dialogue(BaseHandler[Update, ParkContext, object]):
    """A dialogue keyed per chat and person, whose drafts live in the database.

    It routes like python-telegram-bot's ConversationHandler (entry points, then the current
    state's handlers, then the fallbacks; a step that raises ApplicationHandlerStop(state)
    moves it and stops the update), through public API only. After every update it handles,
    the chat's open conversations and their forms are written to `dialogue_drafts`, and at
    start-up they are read back (`restore_dialogues`), so a restart loses nothing typed.

    Telegram sends an anonymous administrator's messages as GroupAnonymousBot but their button
    presses as themselves; such a press is routed to the anonymous conversation (the step then
    checks that the presser is an administrator). With `anonymous_replies`, an anonymous
    administrator's reply to a conversation's latest question is routed to that conversation.
    """

    def __init__(
        self,
        name: str,
        *,
        form: str,
        entry_points: Sequence[BaseHandler[Update, ParkContext, Any]],
        states: Mapping[object, Sequence[BaseHandler[Update, ParkContext, Any]]],
        fallbacks: Sequence[BaseHandler[Update, ParkContext, Any]],
        timeout_seconds: int,
        allow_reentry: bool = False,
        anonymous_replies: bool = False,
    ) -> None:
        super().__init__(_never_called)
        self.name = name
        self.form = form
        self.entry_points = list(entry_points)
        self.states = {state: list(handlers) for state, handlers in states.items()}
        self.fallbacks = list(fallbacks)
        self.timeout = timedelta(seconds=timeout_seconds)
        self.allow_reentry = allow_reentry
        self.anonymous_replies = anonymous_replies
        self.clock: Clock | None = None  # bound at start-up: expired conversations are closed
        self.open: dict[Key, Conversation] = {}
        self._questions: dict[tuple[int, int], int] = {}  # (chat, question message) → owner
        KINDS.add(form)

    def inner_handlers(self) -> list[BaseHandler[Any, Any, Any]]:
        """Every handler it may run: entry points, each state's, fallbacks."""
        inner = [*self.entry_points, *self.fallbacks]
        for handlers in self.states.values():
            inner.extend(handlers)
        return inner

    def _live(self, key: Key) -> Conversation | None:
        found = self.open.get(key)
        if found is None or found.expires_at is None or self.clock is None:
            return found
        return found if self.clock.now() < found.expires_at else None

    def _key(self, update: Update, chat_id: int, user_id: int) -> Key:
        key = (chat_id, user_id)
        if self._live(key) is not None:
            return key
        anonymous = (chat_id, ANONYMOUS_ADMIN_ID)
        if update.callback_query is not None and self._live(anonymous) is not None:
            return anonymous
        message = update.message
        replied = message.reply_to_message if message is not None else None
        if self.anonymous_replies and replied is not None and message is not None:
            sender = message.sender_chat
            if is_anonymous_admin(chat_id, user_id, sender.id if sender else None):
                owner = self._questions.get((chat_id, replied.message_id))
                if owner is not None and self._live((chat_id, owner)) is not None:
                    return (chat_id, owner)
        return key

    def check_update(self, update: object) -> Match | None:
        """The conversation and handler this update belongs to, or None to let it pass."""
        if not isinstance(update, Update) or update.channel_post or update.edited_channel_post:
            return None
        chat, user = update.effective_chat, update.effective_user
        if chat is None or user is None:
            return None
        if update.callback_query is not None and update.callback_query.message is None:
            return None
        key = self._key(update, chat.id, user.id)
        live = self._live(key)
        state = live.state if live is not None else None
        candidates: list[BaseHandler[Update, ParkContext, Any]] = []
        if state is None or self.allow_reentry:
            candidates += self.entry_points
        if state is not None:
            candidates += [*self.states.get(state, []), *self.fallbacks]
        for handler in candidates:
            check = handler.check_update(update)
            if check is not None and check is not False:
                return Match(key, state, handler, check)
        return None

    async def handle_update(
        self,
        update: Update,
        application: Application[Any, ParkContext, Any, Any, Any, Any],
        check_result: object,
        context: ParkContext,
    ) -> None:
        """Run the matched handler, move the conversation, keep the chat's drafts."""
        assert isinstance(check_result, Match)
        key = check_result.key
        stop = False
        try:
            new_state = await check_result.handler.handle_update(
                update, application, check_result.check, context
            )
        except ApplicationHandlerStop as stopped:
            new_state, stop = stopped.state, True
        if new_state == END:
            self.open.pop(key, None)
        else:
            state = new_state if new_state is not None else check_result.state
            if state is not None:
                self.open[key] = Conversation(
                    state,
                    context.clock.now() + self.timeout if self.timeout else None,
                    update.to_dict(),
                )
        await self.keep(context, key[0])
        if stop:
            raise ApplicationHandlerStop

    async def keep(self, context: ParkContext, chat_id: int) -> None:
        """Write what is open in this chat, so another start of the bot carries on with it."""
        data = context.application.chat_data.get(chat_id, {})
        body: dict[str, Any] = {"open": [], "forms": []}
        for (chat, owner), conversation in self.open.items():
            if chat != chat_id:
                continue
            body["open"].append(
                {
                    "owner": owner,
                    "state": conversation.state,
                    "expires_at": (
                        conversation.expires_at.isoformat() if conversation.expires_at else None
                    ),
                    "update": conversation.last_update,
                }
            )
            form = data.get((self.form, owner))
            if form is not None:
                body["forms"].append({"owner": owner, "form": draft_codec.encode(form)})
                question = getattr(form, "question_message", None)
                if isinstance(question, int):
                    self._questions[(chat_id, question)] = owner
        async with context.store.write() as uow:
            if body["open"]:
                await uow.drafts.keep(StoredDraft(self.name, chat_id, json.dumps(body)))
            else:
                await uow.drafts.forget(self.name, chat_id)

    def restore(self, draft: StoredDraft, forms: dict[int, dict[tuple[str, int], object]]) -> bool:
        """Take back one chat's open conversations (False if none could be read); their forms
        wait in `forms` until the chat's next update."""
        try:
            body = json.loads(draft.body)
            found = {item["owner"]: draft_codec.decode(item["form"]) for item in body["forms"]}
            conversations = {
                item["owner"]: Conversation(
                    item["state"],
                    datetime.fromisoformat(item["expires_at"]) if item["expires_at"] else None,
                    item["update"],
                )
                for item in body["open"]
            }
        except (ValueError, KeyError, TypeError) as error:  # UnreadableDraft is a ValueError
            log.warning("dropped a %s draft that no longer fits: %s", self.name, error)
            return False
        waiting = forms.setdefault(draft.chat_id, {})
        for owner, conversation in conversations.items():
            form = found.get(owner)
            if form is None:
                continue  # without its form a conversation cannot go on
            waiting[(self.form, owner)] = form
            self.open[(draft.chat_id, owner)] = conversation
            question = getattr(form, "question_message", None)
            if isinstance(question, int):
                self._questions[(draft.chat_id, question)] = owner
        return any((draft.chat_id, owner) in self.open for owner in conversations)

    def expired(self, now: datetime) -> list[Key]:
        """Conversations nobody answered in time."""
        return [
            key
            for key, conversation in self.open.items()
            if conversation.expires_at is not None and conversation.expires_at <= now
        ]

    async def close_abandoned(
        self, application: Application[Any, ParkContext, Any, Any, Any, Any], key: Key
    ) -> None:
        """Say an abandoned dialogue was closed (the TIMEOUT handlers), then forget it."""
        conversation = self.open.get(key)
        if conversation is None:
            return
        update = Update.de_json(conversation.last_update, application.bot)
        context = ParkContext.from_update(update, application)
        restore_forms(update, context)
        context.language = await language_for(update, context)
        self.open.pop(key, None)
        for handler in self.states.get(TIMEOUT, []):
            check = handler.check_update(update)
            if check is not None and check is not False:
                with suppress(ApplicationHandlerStop):
                    await handler.handle_update(update, application, check, context)
        await self.keep(context, key[0])


async def _never_called(update: Update, context: ParkContext) -> None:
    raise AssertionError("a Dialogue runs its own handlers")


def dialogues_of(application: Application[Any, Any, Any, Any, Any, Any]) -> list[Dialogue]:
    """Every dialogue the application routes to."""
    return [
        handler
        for group in application.handlers.values()
        for handler in group
        if isinstance(handler, Dialogue)
    ]


async def restore_dialogues(application: Application[Any, ParkContext, Any, Any, Any, Any]) -> int:
    """At start-up: pick up every dialogue left open by the previous run; how many chats."""
    state = application.bot_data
    by_name = {dialogue.name: dialogue for dialogue in dialogues_of(application)}
    for dialogue in by_name.values():
        dialogue.clock = state.clock
    async with state.store.write() as uow:
        restored = 0
        for draft in await uow.drafts.every():
            found = by_name.get(draft.dialogue)
            if found is not None and found.restore(draft, state.restored_forms):
                restored += 1
            else:  # a dialogue that is gone, or a draft today's code cannot read
                await uow.drafts.forget(draft.dialogue, draft.chat_id)
    return restored


async def sweep_dialogues(application: Application[Any, ParkContext, Any, Any, Any, Any]) -> None:
    """Close the dialogues whose time ran out, each saying so in its chat."""
    now = application.bot_data.clock.now()
    for dialogue in dialogues_of(application):
        for key in dialogue.expired(now):
            try:
                await dialogue.close_abandoned(application, key)
            except Exception:  # one chat's failure must not keep the others open
                log.exception("closing an abandoned %s dialogue failed", dialogue.name)


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
) -> Dialogue:
    """A one-command dialogue: typed answers, a re-ask for non-text, its own buttons, /cancel.

    `/NAME` again starts over; answers are new text messages (in groups, replies to the
    question); other dialogues of the same person wait until this one ends. `/cancel` and
    the timeout drop the form stored under `form` and say `cancelled` / `abandoned` (msgids).
    """

    async def cancel(update: Update, context: ParkContext) -> int:
        drop_form(context, form, owner_id(update))
        await reply(update, context, context.tr.t(cancelled))
        return END

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
    table[TIMEOUT] = [TypeHandler(Update, timed_out)]
    return Dialogue(
        name,
        form=form,
        entry_points=[command(name, start), *extra_entry_points],
        states=table,
        fallbacks=[command("cancel", cancel)],
        timeout_seconds=timeout_seconds,
        allow_reentry=True,
    )


async def start_dialogues(application: Application[Any, ParkContext, Any, Any, Any, Any]) -> None:
    """After the database opened: restore open dialogues and look for abandoned ones."""
    restored = await restore_dialogues(application)
    log.info("%d chats have open dialogues from before the start", restored)

    async def sweep(context: ParkContext) -> None:
        await sweep_dialogues(application)

    if application.job_queue is not None:
        application.job_queue.run_repeating(
            sweep, interval=SWEEP_SECONDS, first=1, name="dialogue-sweep"
        )
