"""Webhook mode: updates posted by Telegram with the secret token are handled; others refused."""

from __future__ import annotations

import socket
from dataclasses import replace
from pathlib import Path

import aiohttp

from bot.app.runtime import Webhook, running, settle
from bot.app.wiring import build_application
from bot.common.settings import Settings
from simulator import BotApiSimulator
from tests.e2e.conftest import TOKEN
from tests.fakes import FakeBackend


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_webhook_with_secret_token(sim: BotApiSimulator, tmp_path: Path) -> None:
    settings = replace(Settings(token=TOKEN, api_url=sim.api_url), database=tmp_path / "w.db")
    app = build_application(settings, rate_limit=False, translation_backends=[FakeBackend()])
    port = free_port()
    hook = Webhook(f"http://127.0.0.1:{port}/telegram/hook", "127.0.0.1", port)
    async with running(app, webhook=hook):
        [registered] = [call for call in sim.calls if call.method == "setWebhook"]
        assert registered.params["url"] == hook.url
        secret = registered.params["secret_token"]
        assert secret == hook.secret and len(secret) >= 32
        anna = sim.add_user("Anna", language_code="en")
        sim.post(sim.private_chat(anna), anna, "/start")
        update = sim.updates.pop()  # what Telegram would POST to the webhook
        async with aiohttp.ClientSession() as http:
            forged = await http.post(hook.url, json=update)
            assert forged.status == 403
            wrong = await http.post(
                hook.url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"}
            )
            assert wrong.status == 403
            real = await http.post(
                hook.url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": secret}
            )
            assert real.status == 200
        await settle(app, lambda: 0)
        [answer] = sim.bot_messages(sim.private_chat(anna))
        assert "Hello, Anna!" in answer.plain
