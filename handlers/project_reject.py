"""⛔ Reject on a card: a coordinator is asked for the reason, which goes into the history."""

from __future__ import annotations

import warnings
from typing import Any

from telegram import ForceReply, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.context import ParkContext
from bot.project_rules import check_reason
from bot.project_stages import REJECTED
from handlers.callbacks import unpack
from handlers.delegation_forms import problem_text
from handlers.dialogue import answer_and_stop
from handlers.project_actions import alert, apply_move, refusal_for_move
from handlers.project_views import REJECT_KIND, invalid
from handlers.replies import send_html
from storage import projects

REASON = 0
TIMEOUT_SECONDS = 15 * 60


def _key(update: Update) -> tuple[str, int]:
    chat = update.effective_chat
    return ("reject", chat.id if chat else 0)


async def _ask(update: Update, context: ParkContext, text: str) -> None:
    chat = update.effective_chat
    assert chat is not None
    markup = ForceReply() if chat.type != "private" else None
    await send_html(context.bot, chat.id, text, reply_markup=markup)


async def pressed(update: Update, context: ParkContext) -> int:
    """Check the press, then ask why."""
    query = update.callback_query
    assert query is not None
    parsed = unpack(query.data, REJECT_KIND, 1)
    project = None
    if parsed is not None and parsed.args[0].isdigit():
        project = await projects.get(context.db, int(parsed.args[0]))
    if project is None:
        await query.answer(invalid(context.tr), show_alert=True)
        return ConversationHandler.END
    refusal = await refusal_for_move(update, context, project, REJECTED)
    if refusal is not None:
        await alert(update, context, refusal)
        return ConversationHandler.END
    await query.answer()
    assert context.user_data is not None
    context.user_data[_key(update)] = project.id
    await _ask(update, context, _question(context, project.id))
    return REASON


def _question(context: ParkContext, project_id: int) -> str:
    return context.tr.t(
        "Why is project #{id} rejected? Type the reason (up to 500 characters), or /cancel.",
        id=project_id,
    )


async def typed_reason(update: Update, context: ParkContext) -> int:
    """Reject with the typed reason (the rules are checked again), or ask again."""
    message = update.effective_message
    project_id = (context.user_data or {}).get(_key(update))
    project = await projects.get(context.db, project_id) if isinstance(project_id, int) else None
    if message is None or message.text is None or project is None:
        return ConversationHandler.END
    reason = check_reason(message.text)
    if not isinstance(reason, str):
        await _ask(
            update,
            context,
            problem_text(context.tr, reason) + "\n\n" + _question(context, project.id),
        )
        return REASON
    if context.user_data is not None:
        context.user_data.pop(_key(update), None)
    refusal = await refusal_for_move(update, context, project, REJECTED)
    if refusal is None:
        refusal = await apply_move(update, context, project, REJECTED, reason)
    if refusal is not None:
        await send_html(context.bot, message.chat_id, refusal)
    return ConversationHandler.END


async def cancel(update: Update, context: ParkContext) -> int:
    """Leave the project as it was."""
    if context.user_data is not None:
        context.user_data.pop(_key(update), None)
    chat = update.effective_chat
    if chat is not None:
        await send_html(
            context.bot, chat.id, context.tr.t("Nothing was changed: the project stays as it was.")
        )
    return ConversationHandler.END


async def timed_out(update: Update, context: ParkContext) -> None:
    """Forget an abandoned question."""
    if context.user_data is not None:
        context.user_data.pop(_key(update), None)


def conversation() -> ConversationHandler[ParkContext]:
    """Per chat and user: the presser types the reason."""
    text: BaseHandler[Update, ParkContext, Any] = MessageHandler(
        filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND,
        answer_and_stop(typed_reason),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBUserWarning)
        return ConversationHandler(
            entry_points=[CallbackQueryHandler(pressed, pattern=rf"^{REJECT_KIND}:")],
            states={
                REASON: [text],
                ConversationHandler.TIMEOUT: [TypeHandler(Update, timed_out)],
            },
            fallbacks=[CommandHandler("cancel", cancel)],
            conversation_timeout=TIMEOUT_SECONDS,
            name="reject",
        )
