"""The one wiring point: settings → storage → services → handlers → lifecycle."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeChat,
    BotCommandScopeDefault,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes, Defaults

from bot.app import handler_groups
from bot.app.update_order import PerChatUpdateProcessor
from bot.chats.help import menu
from bot.common.clock import Clock, SystemClock
from bot.common.i18n import translator
from bot.common.languages import SUPPORTED
from bot.common.settings import Settings
from bot.translation import Backend, TranslationCache, TranslationService, build_backends
from bot.translation.detection import warm_up
from bot.translation.services import expire_translations
from handlers.common.dialogue import start_dialogues
from handlers.context import BotState, ParkContext
from handlers.meetings import routes as meetings_wiring
from handlers.projects import routes as projects_wiring
from storage.database import Database
from storage.migrations import migrate
from storage.unit_of_work import SqliteStore

log = logging.getLogger(__name__)

ParkApplication = Application[Any, ParkContext, dict[Any, Any], dict[Any, Any], BotState, Any]


def build_application(
    settings: Settings,
    *,
    clock: Clock | None = None,
    rate_limit: bool = True,
    translation_backends: Sequence[Backend] | None = None,
) -> ParkApplication:
    """Build the Application; the database opens in post_init and closes in post_shutdown."""
    if not settings.token:
        raise ValueError("a bot token is needed to build the application")
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(settings.api_url)
        .base_file_url(settings.file_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .context_types(ContextTypes(context=ParkContext, bot_data=BotState))
        .concurrent_updates(PerChatUpdateProcessor())
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if rate_limit:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))  # type: ignore[arg-type]
    app: ParkApplication = builder.build()
    app.bot_data.settings = settings
    app.bot_data.db = Database(settings.database)
    app.bot_data.store = SqliteStore(app.bot_data.db)
    app.bot_data.clock = clock or SystemClock()
    backends = (
        list(translation_backends)
        if translation_backends is not None
        else build_backends(settings.translation)
    )
    app.bot_data.translator = TranslationService(
        backends,
        TranslationCache(app.bot_data.store),
        timeout=settings.translation.timeout,
        concurrency=settings.translation.concurrency,
        secrets=settings.translation.secrets,
    )
    app.bot_data.commands = handler_groups.register(app)
    return app


async def _post_init(app: ParkApplication) -> None:
    """Open and migrate the database, then publish the command menus."""
    db = app.bot_data.db
    assert db is not None
    await db.open()
    version = await migrate(db)
    log.info("database %s at schema version %d", db.path, version)
    assert app.bot_data.store is not None
    expired = await expire_translations(app.bot_data.store, app.bot_data.clock.now())
    log.info("%d cached translations expired", expired)
    await start_dialogues(app)
    await asyncio.to_thread(warm_up)  # the language detector loads once, before any update
    await publish_command_menus(app)
    for feature in (projects_wiring, meetings_wiring):
        await feature.started(app)


async def _post_shutdown(app: ParkApplication) -> None:
    """Close the database: an open aiosqlite connection would hang the exit."""
    for feature in (meetings_wiring, projects_wiring):
        await feature.stopping(app)
    if app.bot_data.background:
        await asyncio.gather(*app.bot_data.background, return_exceptions=True)
    if app.bot_data.translator is not None:
        await app.bot_data.translator.cache.flush()
        app.bot_data.translator.close()
    if app.bot_data.db is not None:
        await app.bot_data.db.close()


async def publish_command_menus(app: ParkApplication) -> None:
    """Localized menus per language, plus coordinator commands for group administrators."""
    settings = app.bot_data.settings
    scopes: list[tuple[BotCommandScope, bool]] = [
        (BotCommandScopeDefault(), False),
        (BotCommandScopeAllChatAdministrators(), True),
    ]
    # Configured coordinators see the coordination commands in their private chat too.
    scopes += [(BotCommandScopeChat(user_id), True) for user_id in sorted(settings.coordinators)]
    for scope, coordinator in scopes:
        try:
            for code in ("", *SUPPORTED):
                reader = translator(code or settings.default_language)
                pairs = menu(reader, app.bot_data.commands, coordinator)
                commands = [BotCommand(name, text) for name, text in pairs]
                await app.bot.set_my_commands(commands, scope=scope, language_code=code or None)
        except TelegramError as error:  # e.g. a coordinator who never opened the bot
            log.warning("could not set the command menu for %s: %s", scope.type, error)
