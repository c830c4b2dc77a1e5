"""The projects feature's route table, and where it plugs into the application's lifecycle."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, filters

from bot.projects.commands import PROJECT_COMMANDS
from handlers.common.routing import FeatureRoutes, command
from handlers.context import ParkContext
from handlers.projects import actions as project_actions
from handlers.projects import export as project_export
from handlers.projects import propose as project_propose
from handlers.projects import reject as project_reject
from handlers.projects import views
from handlers.projects.notices import ANSWER_KIND

Handler = BaseHandler[Update, ParkContext, Any]

# /export alone or /export projects; other /export subjects belong to other features.
EXPORT_PROJECTS = filters.Regex(r"(?i)^/export(@\w+)?(\s+projects)?\s*$")


def routes() -> FeatureRoutes:
    """Handlers for the projects feature's commands, dialogues and buttons."""
    return FeatureRoutes(
        "projects",
        PROJECT_COMMANDS,
        dialogues=(project_propose.conversation(), project_reject.conversation()),
        handlers=(
            command("projects", views.list_command),
            command("project", views.project_command),
            command("history", views.history_command),
            command("suggest", views.suggest_command),
            command("support", project_actions.support_command),
            command("stage", project_actions.stage_command),
            command("export", project_export.export_command, only=EXPORT_PROJECTS),
            CallbackQueryHandler(views.list_pressed, pattern=rf"^{views.LIST_KIND}:"),
            CallbackQueryHandler(views.history_pressed, pattern=rf"^{views.HISTORY_KIND}:"),
            CallbackQueryHandler(
                project_actions.support_pressed, pattern=rf"^{views.SUPPORT_KIND}:"
            ),
            CallbackQueryHandler(project_actions.stage_pressed, pattern=rf"^{views.STAGE_KIND}:"),
            CallbackQueryHandler(project_actions.answer_pressed, pattern=rf"^{ANSWER_KIND}:"),
            # Buttons of a dialogue that is no longer open for the presser: a polite refusal.
            CallbackQueryHandler(
                views.stale_pressed, pattern=rf"^({project_propose.KIND}|{project_reject.KIND}):"
            ),
        ),
        hidden=frozenset({"cancel"}),
    )


async def started(app: Any) -> None:
    """Called from post_init once the database is open and migrated."""


async def stopping(app: Any) -> None:
    """Called from post_shutdown before the database closes."""
