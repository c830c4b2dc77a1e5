"""End-to-end harness: the real Application over real HTTP against the local Bot API simulator."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

from bot.app.runtime import running, settle
from bot.app.wiring import ParkApplication, build_application
from bot.common.clock import Clock
from bot.common.settings import Settings
from bot.translation import Backend
from simulator import BotApiSimulator, SimChat, SimMessage, SimUser
from tests.fakes import FakeBackend

TOKEN = "4242424242:AAE-test_TOKEN_for_parkbridge_0123456789abc"


@dataclass
class Bot:
    """A running parkbridge plus the simulated Telegram around it."""

    sim: BotApiSimulator
    app: ParkApplication
    settings: Settings
    seen: dict[int, int] = field(default_factory=dict)

    async def settle(self, timeout: float = 5.0) -> None:
        """Wait until every posted update was fetched, confirmed and fully handled."""
        await settle(self.app, lambda: len(self.sim.updates), timeout)

    async def say(self, chat: SimChat, user: SimUser | None, text: str) -> list[SimMessage]:
        """Post as `user` and return the bot's new messages in that chat."""
        self.sim.post(chat, user, text)
        return await self.new_messages(chat)

    async def answer(self, chat: SimChat, user: SimUser | None, text: str) -> list[SimMessage]:
        """Reply to the bot's latest message, as people answer a bot's question in a group."""
        last = self.sim.bot_messages(chat)[-1]
        if user is None:
            self.sim.post_as_chat(chat, text, reply_to=last.message_id)
        else:
            self.sim.post(chat, user, text, reply_to=last.message_id)
        return await self.new_messages(chat)

    async def press_button(self, chat: SimChat, user: SimUser, label: str) -> dict[str, Any] | None:
        """Press the button whose label contains `label` on the newest bot message having one."""
        for message in reversed(self.sim.bot_messages(chat)):
            for index, button in enumerate(message.flat_buttons):
                if label in button["text"]:
                    return await self.press(chat, message, user, index=index)
        raise AssertionError(f"no button {label!r} in {chat.id}")

    async def press(
        self, chat: SimChat, message: SimMessage, user: SimUser, **how: Any
    ) -> dict[str, Any] | None:
        """Press a button; return the callback answer the bot gave (text, show_alert)."""
        query_id = self.sim.press(chat, message.message_id, user, **how)
        await self.settle()
        return self.sim.callback_answer(query_id)

    async def new_messages(self, chat: SimChat) -> list[SimMessage]:
        """Bot messages in `chat` since the last look."""
        await self.settle()
        messages = self.sim.bot_messages(chat)
        start = self.seen.get(chat.id, 0)
        self.seen[chat.id] = len(messages)
        return messages[start:]


BotFactory = Callable[..., Awaitable[Bot]]


@pytest.fixture
async def sim() -> AsyncIterator[BotApiSimulator]:
    """A fresh simulated Telegram on a free loopback port."""
    simulator = BotApiSimulator()
    await simulator.start()
    try:
        yield simulator
    finally:
        await simulator.stop()


@pytest.fixture
async def start_bot(sim: BotApiSimulator, tmp_path: Path) -> AsyncIterator[BotFactory]:
    """Start parkbridge against the simulator; stopped (and its database closed) at teardown."""
    stack: list[Any] = []

    async def start(
        clock: Clock | None = None,
        database: Path | None = None,
        backends: list[Backend] | None = None,
        **overrides: Any,
    ) -> Bot:
        settings = replace(
            Settings(token=TOKEN, api_url=sim.api_url, database=database or tmp_path / "pb.db"),
            **overrides,
        )
        app = build_application(
            settings,
            clock=clock,
            rate_limit=False,
            translation_backends=backends if backends is not None else [FakeBackend()],
        )
        context = running(app, poll_timeout=1)
        await context.__aenter__()
        stack.append(context)
        bot = Bot(sim, app, settings)
        await bot.settle()
        return bot

    yield start
    for context in reversed(stack):
        await context.__aexit__(None, None, None)


@pytest.fixture
async def bot(start_bot: BotFactory) -> Bot:
    """parkbridge with default settings."""
    return await start_bot()
