"""Cards and notices the projects feature posts by itself into delegations' home chats."""

from __future__ import annotations

import html
from collections.abc import Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.chats.settings import effective
from bot.common.i18n import Tr, translator
from bot.common.languages import resolve_language
from bot.common.notices import multilingual
from bot.projects.models import Project
from bot.projects.render import invitation
from handlers.common.callbacks import pack
from handlers.common.card_translation import translated_lines
from handlers.common.delivery import post
from handlers.context import ParkContext
from storage.unit_of_work import repositories

ANSWER_KIND = "pp"


def answer_keyboard(tr: Tr, project_id: int, delegation_id: int) -> InlineKeyboardMarkup:
    """Accept / Decline for one invited delegation."""
    ids = (str(project_id), str(delegation_id))
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    "✅ " + tr.t("Accept"), callback_data=pack(ANSWER_KIND, *ids, "a")
                ),
                InlineKeyboardButton(
                    "❌ " + tr.t("Decline"), callback_data=pack(ANSWER_KIND, *ids, "d")
                ),
            ]
        ]
    )


async def language_of(context: ParkContext, user_id: int) -> Tr:
    """A person's language when the bot writes to them privately."""
    record = await repositories(context.db).users.get_user(user_id)
    code = resolve_language(
        record.language if record else None,
        record.telegram_language if record else None,
        None,
        context.settings.default_language,
    )
    return translator(code)


async def _languages(context: ParkContext, chat_id: int) -> tuple[str, ...]:
    record = await repositories(context.db).chats.get_chat(chat_id)
    return effective(record, context.settings).languages


async def _heading(
    context: ParkContext, project: Project, languages: tuple[str, ...], chat_id: int
) -> str:
    title = html.escape(project.title, quote=False)
    lines = [f"📁 <b>#{project.id} {title}</b>"]
    lines.extend(await translated_lines(context, project.title, languages, chat_id))
    return "\n".join(lines)


async def send_invitations(context: ParkContext, project: Project) -> tuple[list[str], list[str]]:
    """Post each invited delegation its card; (names reached, names not reached)."""
    lead = await repositories(context.db).delegations.by_id(project.lead_id)
    reached: list[str] = []
    missed: list[str] = []
    for partner in await repositories(context.db).projects.partners(project.id):

        def render(tr: Tr, name: str = partner.name) -> str:
            return invitation(tr, project, lead, name)

        delivered = False
        if partner.home_chat_id is not None:
            languages = await _languages(context, partner.home_chat_id)
            text = await _heading(context, project, languages, partner.home_chat_id)
            sent = await post(
                context.bot,
                context.store,
                partner.home_chat_id,
                text + "\n\n" + multilingual(languages, render),
                reply_markup=answer_keyboard(
                    translator(languages[0]), project.id, partner.delegation_id
                ),
            )
            delivered = sent is not None
        if not delivered:
            for member in await repositories(context.db).delegations.members(partner.delegation_id):
                if member.role != "head":
                    continue
                tr = await language_of(context, member.user_id)
                heading = await _heading(context, project, (tr.language,), member.user_id)
                sent = await post(
                    context.bot,
                    context.store,
                    member.user_id,
                    heading + "\n\n" + render(tr),
                    reply_markup=answer_keyboard(tr, project.id, partner.delegation_id),
                )
                delivered = delivered or sent is not None
        (reached if delivered else missed).append(partner.name)
    return reached, missed


async def notify_chats(
    context: ParkContext, chat_ids: list[int], render: Callable[[Tr], str], skip: int | None
) -> None:
    """The same notice in every chat language, to each chat but the one where it happened."""
    for chat_id in chat_ids:
        if chat_id == skip:
            continue
        languages = await _languages(context, chat_id)
        await post(context.bot, context.store, chat_id, multilingual(languages, render))
