"""/language: each person picks the language the bot speaks to them, applied at once."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.chats.services import LanguageChoice, choose_language
from bot.common.i18n import translator
from bot.common.languages import NATIVE_NAMES, SUPPORTED
from handlers.common.callbacks import pack, unpack
from handlers.common.replies import edit_quietly, reply
from handlers.context import ParkContext

KIND = "lang"


def language_keyboard() -> InlineKeyboardMarkup:
    """Four buttons, each language named in itself."""
    buttons = [
        InlineKeyboardButton(NATIVE_NAMES[code], callback_data=pack(KIND, code))
        for code in SUPPORTED
    ]
    return InlineKeyboardMarkup([buttons[:2], buttons[2:]])


async def language_command(update: Update, context: ParkContext) -> None:
    """Offer the four languages."""
    await reply(
        update, context, context.tr.t("Choose your language:"), reply_markup=language_keyboard()
    )


async def language_chosen(update: Update, context: ParkContext) -> None:
    """Store the presser's own choice and confirm in the new language."""
    query = update.callback_query
    assert query is not None
    parsed = unpack(query.data, KIND, 1)
    code = parsed.args[0] if parsed is not None else ""
    if await choose_language(context.store, query.from_user.id, code) is LanguageChoice.UNKNOWN:
        await query.answer(context.tr.t("This button is no longer valid."), show_alert=True)
        return
    context.language = code
    tr = translator(code)
    confirmation = tr.t("Done: I will speak {language} to you.", language=NATIVE_NAMES[code])
    if query.message is not None and query.message.chat.type == "private":
        await query.answer()
        await edit_quietly(query, confirmation)
    else:  # in a group the keyboard stays for the others; the presser gets a toast
        await query.answer(confirmation)
