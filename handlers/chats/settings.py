"""/settings: a coordinator shows and changes a group's time zone and languages."""

from __future__ import annotations

import html
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.chats.settings import EffectiveChatSettings, effective, toggle_language
from bot.common.i18n import Tr
from bot.common.languages import NATIVE_NAMES, SUPPORTED, parse_language_list
from bot.common.timezones import canonical_zone
from handlers.common.access import in_group, is_coordinator
from handlers.common.callbacks import pack, unpack
from handlers.common.replies import edit_quietly, reply
from handlers.context import ParkContext
from handlers.meetings import settings as meeting_settings
from storage.unit_of_work import repositories

KIND = "set"
TIMEZONE_WORDS = ("timezone", "tz", "zone")
LANGUAGE_WORDS = ("languages", "language", "langs", "lang")


def settings_card(tr: Tr, current: EffectiveChatSettings, now_utc: datetime) -> str:
    """The settings as the coordinator reads them, with how to change each one."""
    names = ", ".join(NATIVE_NAMES[code] for code in current.languages)
    local = tr.when(now_utc, current.zone)
    return "\n".join(
        (
            tr.t("<b>Settings of this group</b>"),
            tr.t("Time zone: {zone} (now {time})", zone=current.timezone, time=local),
            tr.tn(
                "{count} language: {names}",
                "{count} languages: {names}",
                len(current.languages),
                names=names,
            ),
            "",
            tr.t("Change the time zone: /settings timezone Asia/Shanghai"),
            tr.t("Change the languages: press the buttons below, or /settings languages ru zh fi"),
        )
    )


def settings_keyboard(current: EffectiveChatSettings) -> InlineKeyboardMarkup:
    """One toggle per language, ticked when the chat uses it."""
    buttons = [
        InlineKeyboardButton(
            ("✅ " if code in current.languages else "▫️ ") + NATIVE_NAMES[code],
            callback_data=pack(KIND, "lang", code),
        )
        for code in SUPPORTED
    ]
    return InlineKeyboardMarkup([buttons[:2], buttons[2:]])


async def _current(update: Update, context: ParkContext) -> EffectiveChatSettings:
    chat = update.effective_chat
    assert chat is not None
    return effective(await repositories(context.db).chats.get_chat(chat.id), context.settings)


async def settings_command(update: Update, context: ParkContext) -> None:
    """Show the card, or apply `timezone ZONE` / `languages CODE…` typed after the command."""
    tr = context.tr
    chat = update.effective_chat
    if chat is None or not in_group(update):
        await reply(
            update,
            context,
            tr.t(
                "Use /settings in a group chat: it sets that group's time zone and languages. "
                "Choose your own language here with /language."
            ),
        )
        return
    if not await is_coordinator(update, context):
        await reply(
            update,
            context,
            tr.t(
                "Only coordinators can change the settings of this group: its administrators "
                "and the coordinators named in the bot's configuration."
            ),
        )
        return
    args = list(context.args or [])
    if not args:
        await _show(update, context)
        return
    keyword = args[0].lower()
    if keyword in TIMEZONE_WORDS or (len(args) == 1 and "/" in args[0]):
        typed = " ".join(args[1:] if keyword in TIMEZONE_WORDS else args)
        await _set_timezone(update, context, chat.id, typed)
    elif keyword in LANGUAGE_WORDS:
        await _set_languages(update, context, chat.id, args[1:])
    elif keyword in meeting_settings.KEYWORDS:
        await meeting_settings.KEYWORDS[keyword](update, context, args[1:])
    else:
        await reply(
            update,
            context,
            tr.t(
                "I don't know the setting “{name}”. Type /settings timezone Asia/Shanghai "
                "or /settings languages ru zh fi.",
                name=html.escape(args[0]),
            ),
        )


async def _show(update: Update, context: ParkContext) -> None:
    current = await _current(update, context)
    chat = update.effective_chat
    assert chat is not None
    text = await _card_text(context, chat.id, current)
    await reply(update, context, text, reply_markup=settings_keyboard(current))


async def _card_text(context: ParkContext, chat_id: int, current: EffectiveChatSettings) -> str:
    """The settings card with the meeting settings' own lines under it."""
    text = settings_card(context.tr, current, context.clock.now())
    extra = await meeting_settings.card_lines(context.tr, chat_id, context)
    return text + ("\n" + "\n".join(extra) if extra else "")


async def _set_timezone(update: Update, context: ParkContext, chat_id: int, typed: str) -> None:
    tr = context.tr
    zone = canonical_zone(typed)
    if zone is None:
        shown = html.escape(typed) if typed else "…"
        await reply(
            update,
            context,
            tr.t(
                "“{zone}” is not a time zone I know. Type an IANA name, for example "
                "/settings timezone Asia/Shanghai, Europe/Moscow or Europe/Helsinki.",
                zone=shown,
            ),
        )
        return
    await repositories(context.db).chats.set_timezone(chat_id, zone)
    await reply(update, context, tr.t("Time zone of this group: {zone}.", zone=zone))


async def _set_languages(
    update: Update, context: ParkContext, chat_id: int, words: list[str]
) -> None:
    tr = context.tr
    known, unknown = parse_language_list(words)
    if unknown or not known:
        shown = html.escape(", ".join(unknown)) if unknown else "…"
        await reply(
            update,
            context,
            tr.t(
                "“{codes}”: I know only en, ru, zh and fi. Type for example "
                "/settings languages ru zh fi.",
                codes=shown,
            ),
        )
        return
    await repositories(context.db).chats.set_languages(chat_id, known)
    names = ", ".join(NATIVE_NAMES[code] for code in known)
    await reply(
        update,
        context,
        tr.tn(
            "Language of this group: {names}.",
            "Languages of this group: {names}.",
            len(known),
            names=names,
        ),
    )


async def settings_pressed(update: Update, context: ParkContext) -> None:
    """Toggle a language from the card; the presser must be a coordinator of this very group."""
    query = update.callback_query
    assert query is not None
    tr = context.tr
    parsed = unpack(query.data, KIND, 2)
    if (
        parsed is None
        or parsed.args[0] != "lang"
        or parsed.args[1] not in SUPPORTED
        or query.message is None
        or not in_group(update)
    ):
        await query.answer(tr.t("This button is no longer valid."), show_alert=True)
        return
    if not await is_coordinator(update, context):
        await query.answer(
            tr.t("Only coordinators can change the settings of this group."), show_alert=True
        )
        return
    chat_id = query.message.chat.id
    current = await _current(update, context)
    changed = toggle_language(current.languages, parsed.args[1])
    if changed is None:
        await query.answer(tr.t("A group keeps at least one language."), show_alert=True)
        return
    await repositories(context.db).chats.set_languages(chat_id, list(changed))
    updated = EffectiveChatSettings(current.timezone, changed)
    await query.answer(tr.t("Saved."))
    await edit_quietly(
        query, await _card_text(context, chat_id, updated), settings_keyboard(updated)
    )
