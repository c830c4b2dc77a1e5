"""Running the application inside an existing event loop (tests, console, benchmarks)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram import Update

from bot.app import ParkApplication


@asynccontextmanager
async def running(app: ParkApplication, poll_timeout: int = 1) -> AsyncIterator[ParkApplication]:
    """The same lifecycle as `run_polling` (post_init, polling, post_shutdown), as a context."""
    await app.initialize()
    try:
        if app.post_init is not None:
            await app.post_init(app)
        assert app.updater is not None
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
