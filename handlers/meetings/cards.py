"""Meeting cards in chats: rendering with translations, RSVP buttons, posting and refreshing."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, TelegramError

from bot.common.chunks import split_html
from bot.common.i18n import Tr, translator
from bot.common.settings import Settings
from bot.meetings.models import Meeting
from bot.meetings.render import CardView, Tally, card_body, card_text, counts_text
from handlers.common.callbacks import pack
from handlers.common.card_translation import translated_lines
from handlers.common.delivery import post
from handlers.common.replies import is_not_modified, reply
from handlers.context import ParkContext
from handlers.meetings.common import chat_settings, participants, places, reading_zone
from storage.database import Database
from storage.unit_of_work import SqliteStore, repositories

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
        for given in await repositories(db).meetings.answers(meeting.id):
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
        project_title=(
            await repositories(db).meetings.project_title(meeting.project_id) or ""
            if meeting.project_id is not None
            else ""
        ),
    )


@dataclass(frozen=True)
class Card:
    """A rendered card: all of it, or (when too long for one message) a body and the counts."""

    full: str
    body: str
    counts: str
    markup: InlineKeyboardMarkup | None

    def whole(self, intro: str = "") -> str | None:
        """The card (under `intro`) as one message, or None when it needs more than one."""
        text = f"{intro}\n\n{self.full}" if intro else self.full
        return text if self.markup is None or len(split_html(text)) == 1 else None


def _card(
    view: CardView, languages: Sequence[str], zone: str, markup: InlineKeyboardMarkup | None
) -> Card:
    return Card(
        full=card_text(view, languages, zone),
        body=card_body(view, languages, zone),
        counts=counts_text(view),
        markup=markup,
    )


async def chat_card(context: ParkContext, meeting: Meeting, chat_id: int) -> Card:
    """The card as a group shows it: every chat language, the chat's zone."""
    current = await chat_settings(context.db, context.settings, chat_id)
    view = await card_view(context, context.db, meeting, current.languages, chat_id)
    markup = rsvp_keyboard(translator(current.languages[0]), meeting)
    return _card(view, current.languages, current.timezone, markup)


async def _post_card(
    context: ParkContext, chat_id: int, intro: str, card: Card
) -> tuple[Message, bool] | None:
    """Post a card; a long one in parts, its counts and buttons in a short last message."""
    whole = card.whole(intro)
    if whole is not None:
        sent = await post(context.bot, context.store, chat_id, whole, reply_markup=card.markup)
        return None if sent is None else (sent, False)
    body = f"{intro}\n\n{card.body}" if intro else card.body
    first = await post(context.bot, context.store, chat_id, body)
    if first is None:
        return None
    sent = await post(
        context.bot, context.store, first.chat.id, card.counts, reply_markup=card.markup
    )
    return None if sent is None else (sent, True)


async def post_cards(
    context: ParkContext, meeting: Meeting, chat_ids: Sequence[int], header: Callable[[Tr], str]
) -> list[int]:
    """Post the card (under a header in each chat language) to each chat; return where it went."""
    posted = []
    for chat_id in chat_ids:
        current = await chat_settings(context.db, context.settings, chat_id)
        card = await chat_card(context, meeting, chat_id)
        intro = "\n\n".join(dict.fromkeys(header(translator(lang)) for lang in current.languages))
        result = await _post_card(context, chat_id, intro, card)
        if result is not None:
            sent, compact = result
            await repositories(context.db).meetings.add_card(
                meeting.id, sent.chat.id, sent.message_id, meeting.sequence, compact
            )
            posted.append(sent.chat.id)
    return posted


async def refresh_cards(context: ParkContext, meeting: Meeting) -> None:
    """Show the new counts on the live card (one per chat) of this version of the meeting.

    A card too long for one message keeps its counts and buttons in a short message of their
    own: only that one is edited.
    """
    for card in await repositories(context.db).meetings.cards(meeting.id, meeting.sequence):
        rendered = await chat_card(context, meeting, card.chat_id)
        text = rendered.counts if card.compact else rendered.full
        if len(split_html(text)) > 1:
            log.info("card %s/%s outgrew one message; not updated", card.chat_id, card.message_id)
            continue
        try:
            await context.bot.edit_message_text(
                text, chat_id=card.chat_id, message_id=card.message_id, reply_markup=rendered.markup
            )
        except BadRequest as error:
            if not is_not_modified(error):
                log.info("card %s/%s not updated: %s", card.chat_id, card.message_id, error)
        except TelegramError as error:
            log.info("card %s/%s not updated: %s", card.chat_id, card.message_id, error)


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
        if await post(bot, SqliteStore(db), chat_id, text) is not None:
            told.append(chat_id)
    return told


async def reader_card(context: ParkContext, update: Update, meeting: Meeting) -> Card:
    """The card for the person asking: their language, the chat's (or their delegation's) zone."""
    zone = await reading_zone(update, context)
    languages = (context.tr.language,)
    chat = update.effective_chat
    view = await card_view(context, context.db, meeting, languages, chat.id if chat else None)
    return _card(view, languages, zone, rsvp_keyboard(context.tr, meeting))


async def show_card(context: ParkContext, update: Update, meeting: Meeting) -> Message | None:
    """Answer with the reader's card and remember it as this chat's live card."""
    card = await reader_card(context, update, meeting)
    whole = card.whole()
    if whole is not None:
        sent = await reply(update, context, whole, reply_markup=card.markup)
        compact = False
    else:
        await reply(update, context, card.body)
        sent = await reply(update, context, card.counts, reply_markup=card.markup)
        compact = True
    if sent is not None and not meeting.cancelled:
        await repositories(context.db).meetings.add_card(
            meeting.id, sent.chat.id, sent.message_id, meeting.sequence, compact
        )
    return sent
