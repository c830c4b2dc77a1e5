"""The bot in a process of its own for benchmarks, as it runs against the real Telegram.

`python -m bench.bot_process API_URL DATABASE CALLS_FILE DELAY CONCURRENCY` runs the real
Application with a fake translation backend that sleeps DELAY seconds per call; on SIGINT it
stops and writes the backend calls it received to CALLS_FILE (JSON), for the bench to count.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

from telegram import Update

from bot.app.logs import setup_logging
from bot.app.wiring import build_application
from bot.common.settings import Settings
from bot.translation import TranslatorConfig
from tests.fakes import FakeBackend

TOKEN = "5555555555:BENCHbenchBENCHbenchBENCHbench_local"


def main(argv: list[str]) -> int:
    """Run until interrupted, then report the backend calls."""
    api_url, database, calls_file, delay, concurrency = argv
    setup_logging("ERROR")
    fake = FakeBackend("fake", delay=float(delay))
    settings = Settings(token=TOKEN, api_url=api_url, database=Path(database))
    settings = replace(settings, translation=TranslatorConfig(concurrency=int(concurrency)))
    app = build_application(settings, rate_limit=False, translation_backends=[fake])
    app.run_polling(allowed_updates=Update.ALL_TYPES, poll_interval=0, timeout=1)
    Path(calls_file).write_text(json.dumps(fake.calls), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
