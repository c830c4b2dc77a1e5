"""/start and /help: what the bot is for and what this caller can do here."""

from __future__ import annotations

import html

from telegram import Update

from bot.chats.help import help_text
from handlers.common.access import in_group, is_coordinator
from handlers.common.replies import reply
from handlers.context import ParkContext
from handlers.delegations.membership import INVITE_PREFIX, join_by_invite
from storage.unit_of_work import repositories


async def start(update: Update, context: ParkContext) -> None:
    """Greet, explain the bot in two sentences, and name the next step for this kind of chat."""
    tr = context.tr
    user = update.effective_user
    payload = (context.args or [""])[0]
    if payload.startswith(INVITE_PREFIX) and not in_group(update):
        await join_by_invite(update, context, payload.removeprefix(INVITE_PREFIX))
        return
    if in_group(update):
        text = "\n\n".join(
            (
                tr.t("Hello! I am parkbridge, the coordination bot of this group."),
                tr.t(
                    "I help technology parks from different countries work together: "
                    "delegations, joint projects, meetings across time zones, and translation "
                    "between Russian, Chinese, Finnish and English."
                ),
                tr.t(
                    "To set me up, a coordinator (a group administrator) sends /settings and "
                    "chooses the group's time zone and languages. Everyone can choose their own "
                    "language with /language; /help lists the commands."
                ),
            )
        )
    else:
        name = html.escape(user.first_name) if user and not user.is_bot else ""
        text = "\n\n".join(
            (
                tr.t("Hello, {name}! I am parkbridge.", name=name),
                tr.t(
                    "I help technology parks from different countries work together: "
                    "delegations, joint projects, meetings across time zones, and translation "
                    "between Russian, Chinese, Finnish and English."
                ),
                tr.t(
                    "Next: choose your language with /language, then add me to your "
                    "delegation's group chat. /help lists the commands."
                ),
            )
        )
    await reply(update, context, text)


async def help_command(update: Update, context: ParkContext) -> None:
    """List, grouped, only the commands this caller may use in this chat."""
    coordinator = await is_coordinator(update, context)
    user = update.effective_user
    own = await repositories(context.db).delegations.of_user(user.id) if user else []
    head = any(role == "head" for _, role in own)
    commands = context.bot_data.commands
    text = help_text(context.tr, commands, in_group(update), coordinator, head, member=bool(own))
    await reply(update, context, text)
