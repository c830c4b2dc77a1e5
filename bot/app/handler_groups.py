"""Handlers registered in explicit groups: bookkeeping first, features after, translation last."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, TypeHandler, filters

from bot.common.command_types import Command
from handlers.chats import routes as chat_routes
from handlers.common.errors import on_error
from handlers.common.preprocess import remember_and_resolve
from handlers.common.routing import FeatureRoutes, command
from handlers.common.unknown import nothing_to_cancel, stale_button, unknown_command
from handlers.delegations import routes as delegation_routes
from handlers.meetings import routes as meeting_routes
from handlers.projects import routes as project_routes
from handlers.translation import routes as translation_routes

# Group -1: cross-cutting bookkeeping every update passes through.
BOOKKEEPING = -1
# Group 0: features (dialogues, commands, buttons, membership changes).
FEATURES = 0
# Group 1: automatic translation of what people write.
TRANSLATION = 1


def feature_routes() -> list[FeatureRoutes]:
    """Every feature's route table, in the order /help and the menus list sections."""
    return [
        chat_routes.routes(),
        translation_routes.routes(),
        delegation_routes.routes(),
        project_routes.routes(),
        meeting_routes.routes(),
    ]


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> tuple[Command, ...]:
    """Attach every handler and the error handler; return the commands they serve."""
    tables = feature_routes()
    meeting_routes.subscribe(app.bot_data.events)
    app.add_handler(TypeHandler(Update, remember_and_resolve), group=BOOKKEEPING)
    # Dialogues first: while one is open, its typed answers must not reach anything else.
    app.add_handlers([d for table in tables for d in table.dialogues], group=FEATURES)
    app.add_handlers([h for table in tables for h in table.handlers], group=FEATURES)
    # Catch-alls come last in the features group: the first matching handler in a group wins.
    app.add_handlers(
        [
            command("cancel", nothing_to_cancel),
            CallbackQueryHandler(stale_button),
            MessageHandler(
                filters.UpdateType.MESSAGE & filters.COMMAND & filters.ChatType.PRIVATE,
                unknown_command,
            ),
        ],
        group=FEATURES,
    )
    # Dialogue answers never get here: the dialogues stop further groups for their input.
    app.add_handlers([h for table in tables for h in table.last], group=TRANSLATION)
    app.add_error_handler(on_error)
    return tuple(c for table in tables for c in table.commands)
