"""Meeting cards in chats: rendering with translations, RSVP buttons, posting and refreshing."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, TelegramError

from bot.context import ParkContext
from bot.i18n import Tr, translator
from bot.meeting_render import CardView, Tally, card_text
from bot.settings import Settings
from handlers.callbacks import pack
from handlers.card_translation import translated_lines
from handlers.meeting_common import chat_settings, participants, places, reading_zone
from handlers.notify import post_notice
from storage import meetings
from storage.database import Database
from storage.meetings import Meeting

log = logging.getLogger(__name__)
RSVP_KIND = "rv"
ANSWER_CODES = {"g": "going", "m": "maybe", "n": "no"}
BUTTON_LABELS = {"g": "✅ ", "m": "🤔 ", "n": "❌ "}


def rsvp_keyboard(tr: Tr, meeting: Meeting) -> InlineKeyboardMarkup | None:
    """Going / Maybe / Can't, and who answered what; none on a cancelled meeting."""
    if meeting.cancelled:
        return None
    words = {"g": tr.t("Going"), "m": tr.t("Maybe"), "n": tr.t("Can't")}
    seq = str(meeting.sequence)
    row = [
        InlineKeyboardButton(
            BUTTON_LABELS[code] + words[code],
            callback_data=pack(RSVP_KIND, str(meeting.id), seq, code),
        )
        for code in ("g", "m", "n")
    ]
    who = InlineKeyboardButton(
        "👥 " + tr.t("Who answered"), callback_data=pack(RSVP_KIND, str(meeting.id), seq, "w")
    )
    return InlineKeyboardMarkup([row, [who]])


async def tallies(db: Database, meeting: Meeting) -> tuple[Tally, ...]:
    """RSVP counts by answer and delegation."""
    names = {d.id: d.name for d in await participants(db, meeting.delegation_ids)}
    result = []
    for answer in ("going", "maybe", "no"):
        grouped: dict[str, list[str]] = {}
        for given in await meetings.answers(db, meeting.id):
            if given.answer == answer:
                label = names.get(given.delegation_id or 0, "—")
                grouped.setdefault(label, []).append(given.first_name)
        result.append(Tally(answer, grouped))
    return tuple(result)


async def card_view(
    context: ParkContext | None,
    db: Database,
    meeting: Meeting,
    languages: Sequence[str],
    chat_id: int | None,
) -> CardView:
    """Everything the card shows; titles and agendas translated when a context is at hand."""
    found = await participants(db, meeting.delegation_ids)
    title_lines: list[str] = []
    agenda_lines: list[str] = []
    if context is not None:
        title_lines = await translated_lines(context, meeting.title, languages, chat_id)
        if meeting.agenda:
            agenda_lines = await translated_lines(context, meeting.agenda, languages, chat_id)
    return CardView(
        id=meeting.id,
        title=meeting.title,
        starts_at=meeting.starts_at,
        duration=meeting.duration,
        places=places(found),
        place=meeting.place,
        agenda=meeting.agenda,
        cancelled=meeting.cancelled,
        tallies=await tallies(db, meeting),
        title_lines=tuple(title_lines),
        agenda_lines=tuple(agenda_lines),
        project_id=meeting.project_id,
    )


async def chat_card(
    context: ParkContext, meeting: Meeting, chat_id: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The card as a group shows it: every chat language, the chat's zone."""
    current = await chat_settings(context.db, context.settings, chat_id)
    view = await card_view(context, context.db, meeting, current.languages, chat_id)
    text = card_text(view, current.languages, current.timezone)
    return text, rsvp_keyboard(translator(current.languages[0]), meeting)


async def post_cards(
    context: ParkContext, meeting: Meeting, chat_ids: Sequence[int], header: Callable[[Tr], str]
) -> list[int]:
    """Post the card (under a header in each chat language) to each chat; return where it went."""
    posted = []
    for chat_id in chat_ids:
        current = await chat_settings(context.db, context.settings, chat_id)
        text, markup = await chat_card(context, meeting, chat_id)
        intro = "\n\n".join(dict.fromkeys(header(translator(lang)) for lang in current.languages))
        sent = await post_notice(
            context.bot, context.db, chat_id, f"{intro}\n\n{text}", reply_markup=markup
        )
        if sent is not None:
            await meetings.add_card(
                context.db, meeting.id, sent.chat.id, sent.message_id, meeting.sequence
            )
            posted.append(sent.chat.id)
    return posted


async def refresh_cards(context: ParkContext, meeting: Meeting) -> None:
    """Show the new counts on every card of this version of the meeting."""
    for chat_id, message_id in await meetings.cards(context.db, meeting.id, meeting.sequence):
        text, markup = await chat_card(context, meeting, chat_id)
        try:
            await context.bot.edit_message_text(
                text, chat_id=chat_id, message_id=message_id, reply_markup=markup
            )
        except BadRequest as error:
            if "not modified" not in str(error).lower():
                log.info("card %s/%s not updated: %s", chat_id, message_id, error)
        except TelegramError as error:
            log.info("card %s/%s not updated: %s", chat_id, message_id, error)


async def notify_chats(
    bot: Bot,
    db: Database,
    settings: Settings,
    chat_ids: Sequence[int],
    render: Callable[[Tr, str], str],
) -> list[int]:
    """Post a notice in every chat language (rendered per language and chat zone)."""
    told = []
    for chat_id in chat_ids:
        current = await chat_settings(db, settings, chat_id)
        text = "\n\n".join(
            dict.fromkeys(render(translator(lang), current.timezone) for lang in current.languages)
        )
        if await post_notice(bot, db, chat_id, text) is not None:
            told.append(chat_id)
    return told


async def reader_card(
    context: ParkContext, update: Update, meeting: Meeting
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The card for the person asking: their language, the chat's (or their delegation's) zone."""
    zone = await reading_zone(update, context)
    languages = (context.tr.language,)
    chat = update.effective_chat
    view = await card_view(context, context.db, meeting, languages, chat.id if chat else None)
    return card_text(view, languages, zone), rsvp_keyboard(context.tr, meeting)
