"""The typed context every handler receives: services and the caller's language in one place."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any, Protocol

from telegram.ext import Application, CallbackContext, ExtBot

from bot.common.clock import Clock, SystemClock
from bot.common.command_types import Command
from bot.common.drafts import DraftsUnit
from bot.common.i18n import Tr, translator
from bot.common.settings import Settings
from bot.common.store import Store
from bot.meetings.ports import MeetingsUnit
from bot.translation import TranslationService
from bot.translation.ports import TranslationUnit
from handlers.common.events import Events
from storage.database import Database


class AppUnit(MeetingsUnit, TranslationUnit, DraftsUnit, Protocol):
    """Every feature's repositories: what the adapters hand to the services."""


@dataclass
class BotState:
    """Long-lived services, kept in `bot_data` (PTB builds it with no arguments)."""

    settings: Settings = field(default_factory=Settings)
    # The commands the route tables serve: /help and the command menus list them.
    commands: tuple[Command, ...] = ()
    db: Database | None = None
    store: Store[AppUnit] | None = None
    # Lower features publish here; higher ones subscribe at wiring time (no upward imports).
    events: Events = field(default_factory=Events)
    clock: Clock = field(default_factory=SystemClock)
    translator: TranslationService | None = None
    # Work handlers started in the background (translations); tests and the console wait on it.
    background: set[asyncio.Task[None]] = field(default_factory=set)
    # The newest translation task of each (chat, message), so an edit follows its original.
    translating: dict[tuple[int, int], asyncio.Task[None]] = field(default_factory=dict)
    translation_failures: int = 0
    # Dialogue forms brought back from the database at start-up, by chat, until its next update.
    restored_forms: dict[int, dict[tuple[str, int], object]] = field(default_factory=dict)
    # One reminder dispatcher at a time (timer, sweep, start-up and tests may overlap).
    reminder_lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class ParkContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotState]):
    """CallbackContext with typed access to parkbridge's services."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self.language: str | None = None

    @property
    def settings(self) -> Settings:
        """Deployment settings."""
        return self.bot_data.settings

    @property
    def db(self) -> Database:
        """The open database."""
        if self.bot_data.db is None:
            raise RuntimeError("database is not open yet")
        return self.bot_data.db

    @property
    def store(self) -> Store[AppUnit]:
        """Units of work for the services."""
        if self.bot_data.store is None:
            raise RuntimeError("database is not open yet")
        return self.bot_data.store

    @property
    def clock(self) -> Clock:
        """Injectable time source."""
        return self.bot_data.clock

    @property
    def translator(self) -> TranslationService:
        """The machine translation service (people's words)."""
        if self.bot_data.translator is None:
            raise RuntimeError("translation service is not running yet")
        return self.bot_data.translator

    @property
    def tr(self) -> Tr:
        """The caller's translations (resolved before feature handlers run)."""
        return translator(self.language or self.settings.default_language)
