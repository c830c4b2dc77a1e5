"""Telegram adapters, registered in explicit groups: bookkeeping first, features after."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from handlers.chats.language import language_chosen, language_command
from handlers.chats.membership import bot_membership_changed, group_migrated
from handlers.chats.settings import settings_command, settings_pressed
from handlers.chats.start import help_command, start
from handlers.common.errors import on_error
from handlers.common.preprocess import remember_and_resolve
from handlers.common.unknown import nothing_to_cancel, stale_button, unknown_command
from handlers.delegations import edit as delegation_edit
from handlers.delegations import membership as delegation_membership
from handlers.delegations import register as delegation_register
from handlers.delegations import views as delegation_views
from handlers.meetings import routes as meetings_wiring
from handlers.projects import routes as projects_wiring
from handlers.translation import commands as translation

# Group -1: cross-cutting bookkeeping every update passes through.
BOOKKEEPING = -1
# Group 0: features (commands, buttons, membership changes).
FEATURES = 0
# Group 1: automatic translation of what people write.
TRANSLATION = 1


def command(name: str, callback: Any) -> CommandHandler[Any, Any]:
    """A command typed now: editing an old message into a command does not run it again."""
    return CommandHandler(name, callback, filters=filters.UpdateType.MESSAGE)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Attach every handler and the error handler to the application."""
    app.add_handler(TypeHandler(Update, remember_and_resolve), group=BOOKKEEPING)

    # Dialogues first: while one is open, its typed answers must not reach anything else.
    app.add_handlers(
        [
            delegation_register.conversation(),
            delegation_edit.conversation(),
            *projects_wiring.dialogues(),
            *meetings_wiring.dialogues(),
        ],
        group=FEATURES,
    )
    app.add_handlers(
        [
            command("start", start),
            command("help", help_command),
            command("language", language_command),
            command("settings", settings_command),
            command("cancel", nothing_to_cancel),
            command("delegations", delegation_views.list_command),
            command("delegation", delegation_views.delegation_command),
            command("members", delegation_views.members_command),
            command("linkchat", delegation_views.linkchat_command),
            command("join", delegation_membership.join_command),
            command("invite", delegation_membership.invite_command),
            command("leave", delegation_membership.leave_command),
            command("promote", delegation_membership.promote_command),
            command("demote", delegation_membership.demote_command),
            command("tr", translation.tr_command),
            command("autotranslate", translation.autotranslate_command),
            command("glossary", translation.glossary_command),
            CallbackQueryHandler(language_chosen, pattern=r"^lang:"),
            CallbackQueryHandler(settings_pressed, pattern=r"^set:"),
            CallbackQueryHandler(delegation_views.list_pressed, pattern=r"^dl:"),
            CallbackQueryHandler(delegation_membership.request_pressed, pattern=r"^jr:"),
            CallbackQueryHandler(delegation_membership.role_pressed, pattern=r"^pm:"),
            *projects_wiring.handlers(),
            *meetings_wiring.handlers(),
            ChatMemberHandler(bot_membership_changed, ChatMemberHandler.MY_CHAT_MEMBER),
            MessageHandler(filters.StatusUpdate.MIGRATE, group_migrated),
        ],
        group=FEATURES,
    )

    # Catch-alls come last in the features group: the first matching handler in a group wins.
    app.add_handlers(
        [
            CallbackQueryHandler(stale_button),
            MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE, unknown_command),
        ],
        group=FEATURES,
    )
    # Last: plain group messages (and their edits) are translated when the chat asked for it.
    # Dialogue answers never get here: the dialogues stop further groups for their input.
    app.add_handler(
        MessageHandler(
            filters.ChatType.GROUPS
            & (filters.TEXT | filters.CAPTION)
            & ~filters.COMMAND
            & (filters.UpdateType.MESSAGE | filters.UpdateType.EDITED_MESSAGE),
            translation.on_group_message,
        ),
        group=TRANSLATION,
    )
    app.add_error_handler(on_error)
