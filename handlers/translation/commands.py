"""Translation in group chats: automatic replies, /tr, /glossary and /autotranslate."""

from __future__ import annotations

import asyncio
import html
import logging

from telegram import Message, Update
from telegram.error import BadRequest, TelegramError

from bot.chats.settings import effective
from bot.common.i18n import Tr
from bot.common.languages import NATIVE_NAMES, base_language
from bot.common.notices import multilingual
from bot.common.roles import ANONYMOUS_ADMIN_ID
from bot.translation import Translated, detect, needs_translation
from bot.translation.detection import guess
from bot.translation.layout import BUILT_IN_TERMS, marker, render, targets
from bot.translation.services import glossary_terms
from handlers.common.access import in_group, is_coordinator
from handlers.common.replies import is_not_modified, reply, send_html
from handlers.context import ParkContext
from storage.unit_of_work import repositories

log = logging.getLogger(__name__)
TERM_MAX = 60


def _is_human(message: Message) -> bool:
    """People's messages, including an anonymous admin posting as the group; no bots."""
    sender = message.from_user
    if message.via_bot is not None:
        return False
    if sender is None:
        return False
    if sender.id == ANONYMOUS_ADMIN_ID:
        return message.sender_chat is not None and message.sender_chat.id == message.chat.id
    return not sender.is_bot


async def on_group_message(update: Update, context: ParkContext) -> None:
    """A new or edited group message: translate it in the background if the chat asked for it."""
    message = update.effective_message
    if message is None or not in_group(update) or not _is_human(message):
        return
    text = message.text or message.caption
    if not text or not needs_translation(text):
        return
    record = await repositories(context.db).chats.get_chat(message.chat.id)
    if record is None or not record.autotranslate:
        return
    languages = effective(record, context.settings).languages
    key = (message.chat.id, message.message_id)
    earlier = context.bot_data.translating.get(key)
    work = _translate_and_post(context, message, text, languages, earlier)
    task: asyncio.Task[None] = context.application.create_task(work)
    context.bot_data.translating[key] = task
    context.bot_data.background.add(task)
    task.add_done_callback(lambda done: _forget(context, key, done))


def _forget(context: ParkContext, key: tuple[int, int], task: asyncio.Task[None]) -> None:
    context.bot_data.background.discard(task)
    if context.bot_data.translating.get(key) is task:
        del context.bot_data.translating[key]


async def _translate_and_post(
    context: ParkContext,
    message: Message,
    text: str,
    languages: tuple[str, ...],
    earlier: asyncio.Task[None] | None,
) -> None:
    """Detect, translate into the chat's other languages, post one reply (or edit it)."""
    detection = detect(text)  # ~25 µs: cheaper than a thread hop
    if detection is None:
        return
    wanted = targets(languages, detection.language)
    if not wanted:
        return
    chat_id = message.chat.id
    glossary = await glossary_terms(context.store, chat_id)
    results = await context.translator.translate_many(text, detection.language, wanted, glossary)
    body = render(results, wanted)
    if earlier is not None:  # an edit waits until the first reply exists, to edit it
        await asyncio.gather(earlier, return_exceptions=True)
    if body is None:
        context.bot_data.translation_failures += 1
        log.warning(
            "no translation of message %s in chat %s: every backend failed",
            message.message_id,
            chat_id,
        )
        return
    await _post(context, message, body)


async def _post(context: ParkContext, message: Message, body: str) -> None:
    """Edit the message's translation reply if it has one, else reply to it in its topic."""
    chat_id = message.chat.id
    existing = (  # only an edited message can already have its reply
        await repositories(context.db).chat_translation.reply_for(chat_id, message.message_id)
        if message.edit_date is not None
        else None
    )
    try:
        if existing is not None:
            await context.bot.edit_message_text(body, chat_id, existing)
            return
        thread = message.message_thread_id if message.is_topic_message else None
        sent = await send_html(
            context.bot, chat_id, body, thread_id=thread, reply_to=message.message_id
        )
    except BadRequest as error:
        if not is_not_modified(error):
            log.warning("translation reply in chat %s failed: %s", chat_id, error)
        return
    except TelegramError as error:
        log.warning("translation reply in chat %s failed: %s", chat_id, error)
        return
    await repositories(context.db).chat_translation.remember_reply(
        chat_id, message.message_id, sent.message_id
    )


async def tr_command(update: Update, context: ParkContext) -> None:
    """/tr [LANG] as a reply, or /tr LANG TEXT: translate on request (works with privacy mode)."""
    tr = context.tr
    message = update.effective_message
    if message is None:
        return
    args = list(context.args or [])
    target = base_language(args[0]) if args else None
    if target is not None:
        args = args[1:]
    target = target or tr.language
    replied = message.reply_to_message
    text = " ".join(args) if args else ""
    if not text and replied is not None:
        text = replied.text or replied.caption or ""
    if not text.strip():
        await reply(
            update,
            context,
            tr.t(
                "Reply to a message with /tr to translate it into your language, or /tr ru to "
                "choose the language; or type /tr fi Good morning, colleagues!"
            ),
        )
        return
    source = guess(text)
    if source is None:
        await reply(update, context, tr.t("I could not tell which language this is."))
        return
    if source == target:
        await reply(
            update,
            context,
            tr.t("This is already in {language}.", language=NATIVE_NAMES[target]),
        )
        return
    chat = update.effective_chat
    glossary = await glossary_terms(context.store, chat.id if chat else None)
    result = await context.translator.translate(text, source, target, glossary)
    if isinstance(result, Translated):
        body = f"{marker(target)} {html.escape(result.text, quote=False)}"
    else:
        body = f"{marker(target)} " + tr.t("(translation unavailable right now)")
    await reply(update, context, body)


async def autotranslate_command(update: Update, context: ParkContext) -> None:
    """/autotranslate on|off: coordinators switch automatic translation for this group."""
    tr = context.tr
    chat = update.effective_chat
    if chat is None or not in_group(update):
        await reply(update, context, tr.t("Use /autotranslate on in a group chat."))
        return
    if not await is_coordinator(update, context):
        await reply(update, context, tr.t("Only coordinators can switch automatic translation."))
        return
    args = [word.lower() for word in context.args or []]
    record = await repositories(context.db).chats.get_chat(chat.id)
    current = effective(record, context.settings)
    if not args or args[0] not in ("on", "off"):
        state = tr.t("on") if record and record.autotranslate else tr.t("off")
        await reply(
            update,
            context,
            tr.t(
                "Automatic translation here is {state}. Type /autotranslate on or "
                "/autotranslate off.",
                state=state,
            ),
        )
        return
    on = args[0] == "on"
    await repositories(context.db).chat_translation.set_autotranslate(chat.id, on)
    names = ", ".join(NATIVE_NAMES[code] for code in current.languages)
    if not on:
        await reply(update, context, tr.t("Automatic translation is off for this group."))
        return
    lines = [tr.t("Automatic translation is on for this group: {languages}.", languages=names)]
    if len(current.languages) < 2:
        lines.append(
            tr.t(
                "This group has only one language, so there is nothing to translate into yet: "
                "add more with /settings languages ru zh fi."
            )
        )
    await reply(update, context, "\n".join(lines))
    me = await context.bot.get_me()
    if not me.can_read_all_group_messages:
        await send_html(context.bot, chat.id, multilingual(current.languages, _privacy_help))


def _privacy_help(tr: Tr) -> str:
    return tr.t(
        "I cannot see ordinary messages here yet, only commands and replies to me: my privacy "
        "mode is on. To fix it, the bot's owner opens @BotFather, sends /setprivacy, chooses "
        "this bot and presses Disable; then an administrator removes me from this group and "
        "adds me again. Until then, reply to a message with /tr to translate it."
    )


async def glossary_command(update: Update, context: ParkContext) -> None:
    """/glossary, /glossary add TERM, /glossary remove TERM (coordinators, in a group)."""
    tr = context.tr
    chat = update.effective_chat
    if chat is None or not in_group(update):
        await reply(update, context, tr.t("Use /glossary in a group chat."))
        return
    if not await is_coordinator(update, context):
        await reply(update, context, tr.t("Only coordinators can change the glossary."))
        return
    text = (update.effective_message.text or "") if update.effective_message else ""
    words = text.split(maxsplit=2)
    action = words[1].lower() if len(words) > 1 else ""
    term = " ".join(words[2].split()) if len(words) > 2 else ""
    user = update.effective_user
    actor = user.id if user else 0
    if action in ("add", "remove") and not 2 <= len(term) <= TERM_MAX:
        await reply(
            update,
            context,
            tr.t(
                "A term is 2 to {max} characters long. Example: /glossary add Zhongguancun",
                max=TERM_MAX,
            ),
        )
        return
    shown = html.escape(term)
    if action == "add":
        added = await repositories(context.db).chat_translation.add_term(chat.id, term, actor)
        text = (
            tr.t("“{term}” will be kept as written in translations.", term=shown)
            if added
            else tr.t("“{term}” is already in the glossary.", term=shown)
        )
    elif action == "remove":
        removed = await repositories(context.db).chat_translation.remove_term(chat.id, term)
        text = (
            tr.t("“{term}” was removed from the glossary.", term=shown)
            if removed
            else tr.t("“{term}” is not in this group's glossary.", term=shown)
        )
    elif action:
        text = tr.t("Type /glossary, /glossary add TERM or /glossary remove TERM.")
    else:
        own = await repositories(context.db).chat_translation.terms(chat.id)
        automatic = [
            *await repositories(context.db).chat_translation.automatic_terms(),
            *BUILT_IN_TERMS,
        ]
        text = "\n".join(
            [
                tr.t("<b>Kept as written in translations</b>"),
                tr.t("This group: {terms}", terms=html.escape(", ".join(own)) or "—"),
                tr.t("Always: {terms}", terms=html.escape(", ".join(automatic))),
                "",
                tr.t("Add or remove: /glossary add TERM, /glossary remove TERM"),
            ]
        )
    await reply(update, context, text)
