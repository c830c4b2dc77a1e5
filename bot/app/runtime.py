"""Running the application inside an existing event loop (tests, console, benchmarks)."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from telegram import Update

from bot.app.wiring import ParkApplication


@dataclass(frozen=True)
class Webhook:
    """Where Telegram posts updates, and where this process listens for them."""

    url: str
    listen: str = "0.0.0.0"
    port: int = 8443
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(32), repr=False)

    @property
    def path(self) -> str:
        """The URL's path, which the local server answers on."""
        return urlsplit(self.url).path.lstrip("/")


@asynccontextmanager
async def running(
    app: ParkApplication, poll_timeout: int = 1, webhook: Webhook | None = None
) -> AsyncIterator[ParkApplication]:
    """The same lifecycle as `run_polling` (post_init, polling, post_shutdown), as a context.

    With a webhook, Telegram posts updates to `webhook.url` with a random secret token that
    every request must carry back; requests without it are refused.
    """
    await app.initialize()
    try:
        if app.post_init is not None:
            await app.post_init(app)
        assert app.updater is not None
        if webhook is not None:
            await app.updater.start_webhook(
                listen=webhook.listen,
                port=webhook.port,
                url_path=webhook.path,
                webhook_url=webhook.url,
                allowed_updates=Update.ALL_TYPES,
                secret_token=webhook.secret,
            )
        else:
            await app.updater.start_polling(
                poll_interval=0, timeout=poll_timeout, allowed_updates=Update.ALL_TYPES
            )
        await app.start()
        yield app
    finally:
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)


async def settle(
    app: ParkApplication, unconfirmed: Callable[[], int], timeout: float = 5.0
) -> None:
    """Wait until every update is fetched and handled, and the work it started has finished."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while unconfirmed():
        if loop.time() > deadline:
            raise TimeoutError(f"{unconfirmed()} updates still not fetched by the bot")
        await asyncio.sleep(0.005)
    await asyncio.wait_for(app.update_queue.join(), max(deadline - loop.time(), 0.01))
    while app.bot_data.background:  # translations started by handlers
        pending = set(app.bot_data.background)
        await asyncio.wait(pending, timeout=max(deadline - loop.time(), 0.01))
        if loop.time() > deadline:
            raise TimeoutError(f"{len(app.bot_data.background)} background tasks still running")
