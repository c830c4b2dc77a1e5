"""Questions, buttons and answers shared by the registration and edit dialogues."""

from __future__ import annotations

from dataclasses import dataclass, field

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.common.i18n import N_, Tr
from bot.common.languages import NATIVE_NAMES, SUPPORTED
from bot.common.problems import Invalid
from bot.delegations.countries import country_name, suggested_zone
from bot.delegations.interests import AREAS, ordered
from bot.delegations.rules import CHECKS, DelegationDraft
from handlers.common.callbacks import pack
from handlers.common.dialogue import ask_question
from handlers.context import ParkContext

PROMPTS: dict[str, str] = {
    "name": N_("What is the delegation's name? For example: Z-Park"),
    "organisation": N_(
        "Which park or organisation does it represent? For example: Zhongguancun Science Park"
    ),
    "country": N_("Which country? Type a code or a name, for example CN, Russia or Suomi."),
    "city": N_("Which city? For example: Beijing"),
    "language": N_("Which working language? Press a button or type en, ru, zh or fi."),
    "timezone": N_("Which time zone? Type an IANA name such as Europe/Helsinki."),
    "interests": N_("Which areas is it interested in? Press the buttons, then Done."),
    "description": N_("A short description (up to 1000 characters), or press Skip."),
}
FIELD_LABELS: dict[str, str] = {
    "name": N_("Name"),
    "organisation": N_("Organisation"),
    "country": N_("Country"),
    "city": N_("City"),
    "language": N_("Working language"),
    "timezone": N_("Time zone"),
    "interests": N_("Areas"),
    "description": N_("Description"),
}


@dataclass
class Form:
    """One dialogue's state: the draft, and the user's last message to reply to in groups."""

    draft: DelegationDraft = field(default_factory=DelegationDraft)
    quote: int | None = None
    keyboard_message: int | None = None  # presses on any other message are stale
    question_message: int | None = None  # in groups, answers must reply to this message
    finishing: bool = False  # every field is answered; one is being asked again
    delegation_id: int | None = None  # set when editing
    field: str | None = None  # the field being edited


def keyboard(tr: Tr, prefix: str, name: str, draft: DelegationDraft) -> InlineKeyboardMarkup | None:
    """Buttons that answer a question without typing, where there are any."""
    if name == "language":
        buttons = [
            InlineKeyboardButton(NATIVE_NAMES[code], callback_data=pack(prefix, "lang", code))
            for code in SUPPORTED
        ]
        return InlineKeyboardMarkup([buttons[:2], buttons[2:]])
    if name == "timezone":
        zone = suggested_zone(draft.country) if draft.country else None
        if zone is None:
            return None
        return InlineKeyboardMarkup(
            [[InlineKeyboardButton(zone, callback_data=pack(prefix, "tz"))]]
        )
    if name == "interests":
        rows = [
            [
                InlineKeyboardButton(
                    ("✅ " if code in draft.interests else "▫️ ") + tr.t(label),
                    callback_data=pack(prefix, "area", code),
                )
            ]
            for code, label in AREAS.items()
        ]
        rows.append([InlineKeyboardButton(tr.t("Done"), callback_data=pack(prefix, "done"))])
        return InlineKeyboardMarkup(rows)
    if name == "description":
        return InlineKeyboardMarkup(
            [[InlineKeyboardButton(tr.t("Skip"), callback_data=pack(prefix, "skip"))]]
        )
    return None


def question(tr: Tr, name: str, draft: DelegationDraft, step: str = "") -> str:
    """The question for one field, with a zone suggestion where the country has one."""
    text = tr.t(PROMPTS[name])
    if name == "timezone" and draft.country:
        zone = suggested_zone(draft.country)
        if zone:
            text += "\n" + tr.t(
                "Suggested for {country}: {zone}. Press the button to use it, or type another.",
                country=country_name(draft.country, tr.language),
                zone=zone,
            )
    return f"{step}{text}"


async def ask(
    update: Update,
    context: ParkContext,
    form: Form,
    text: str,
    markup: InlineKeyboardMarkup | None,
) -> None:
    """Send a question of the delegation dialogues (see `dialogue.ask_question`)."""
    await ask_question(update, context, form, text, markup)


def check(name: str, typed: str) -> str | list[str] | Invalid:
    """Validate one typed field."""
    return CHECKS[name](typed)


def toggle_area(draft: DelegationDraft, code: str) -> bool:
    """Tick or untick an area; False for a code not in the list."""
    if code not in AREAS:
        return False
    chosen = set(draft.interests) ^ {code}
    draft.interests = ordered(chosen)
    return True
