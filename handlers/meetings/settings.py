"""Meeting-related chat settings (reminder offsets, weekly digest) inside /settings."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update

from bot.common.i18n import Tr
from bot.meetings.rules import digest_text, offsets_text, parse_digest, parse_offsets, stored_digest
from handlers.common.replies import reply
from handlers.context import ParkContext
from handlers.meetings import reminders as meeting_reminders
from storage.unit_of_work import repositories

# `/settings KEYWORD ARGS…` → handler(update, context, args); e.g. "reminders", "digest".
SettingHandler = Callable[[Update, ParkContext, list[str]], Awaitable[None]]


async def set_reminders(update: Update, context: ParkContext, args: list[str]) -> None:
    """`/settings reminders 24h 1h` (or `off`): offsets for this group, re-planned at once."""
    tr = context.tr
    chat = update.effective_chat
    assert chat is not None
    offsets = parse_offsets(args)
    if offsets is None:
        await reply(
            update,
            context,
            tr.t(
                "Type up to four times before the meeting, from 5m to 14d, for example "
                "/settings reminders 24h 1h, or /settings reminders off."
            ),
        )
        return
    await repositories(context.db).reminders.set_offsets(chat.id, offsets)
    await repositories(context.db).reminders.replan_chat(chat.id, context.clock.now())
    await meeting_reminders.arm(context.application)
    if offsets:
        text = tr.t(
            "Reminders in this group: {offsets} before each meeting.", offsets=offsets_text(offsets)
        )
    else:
        text = tr.t("No reminders in this group any more.")
    await reply(update, context, text)


async def set_digest(update: Update, context: ParkContext, args: list[str]) -> None:
    """`/settings digest off` or `/settings digest tue 10:00` (this group's time)."""
    tr = context.tr
    chat = update.effective_chat
    assert chat is not None
    parsed = parse_digest(args)
    if parsed is None:
        await reply(
            update,
            context,
            tr.t(
                "Type a weekday and a time, for example /settings digest tue 10:00, "
                "or /settings digest off."
            ),
        )
        return
    stored = (
        "off" if parsed == "off" else digest_text(parsed if isinstance(parsed, tuple) else None)
    )
    await repositories(context.db).reminders.set_digest(chat.id, stored)
    if stored == "off":
        text = tr.t("No weekly digest in this group.")
    else:
        text = tr.t("Weekly digest: {when}, this group's time.", when=stored)
    await reply(update, context, text)


KEYWORDS: dict[str, SettingHandler] = {"reminders": set_reminders, "digest": set_digest}


async def card_lines(tr: Tr, chat_id: int, context: ParkContext) -> list[str]:
    """Extra lines for the /settings card (current values and how to change them)."""
    offsets = await repositories(context.db).reminders.get_offsets(chat_id)
    digest = digest_text(
        stored_digest(await repositories(context.db).reminders.get_digest(chat_id))
    )
    return [
        "",
        tr.t("Meeting reminders: {offsets}", offsets=offsets_text(offsets) or "off"),
        tr.t("Weekly digest: {when}", when=digest),
        tr.t("Change them: /settings reminders 24h 1h, /settings digest mon 09:00 (or off)"),
    ]
