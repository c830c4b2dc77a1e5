"""The delegations feature's route table: registering, reading, joining and managing."""

from __future__ import annotations

from telegram.ext import CallbackQueryHandler

from bot.delegations.commands import DELEGATION_COMMANDS
from handlers.common.routing import FeatureRoutes, command
from handlers.delegations import edit, membership, register, views
from handlers.delegations.buttons import ListPage, RequestAnswer, RoleChange


def routes() -> FeatureRoutes:
    """Handlers for the delegations feature's commands, dialogues and buttons."""
    return FeatureRoutes(
        "delegations",
        DELEGATION_COMMANDS,
        dialogues=(register.conversation(), edit.conversation()),
        handlers=(
            command("delegations", views.list_command),
            command("delegation", views.delegation_command),
            command("members", views.members_command),
            command("linkchat", views.linkchat_command),
            command("join", membership.join_command),
            command("invite", membership.invite_command),
            command("leave", membership.leave_command),
            command("promote", membership.promote_command),
            command("demote", membership.demote_command),
            CallbackQueryHandler(views.list_pressed, pattern=ListPage.pattern()),
            CallbackQueryHandler(membership.request_pressed, pattern=RequestAnswer.pattern()),
            CallbackQueryHandler(membership.role_pressed, pattern=RoleChange.pattern()),
        ),
        hidden=frozenset({"cancel"}),
    )
