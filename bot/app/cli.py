"""`parkbridge` (or `python -m bot`): run, console, migrate, backup."""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bot.app.logs import redact, setup_logging
from bot.common.settings import ConfigError, Settings, load_settings


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as error:
        for problem in error.problems:
            print(f"configuration error: {problem}", file=sys.stderr)
        return 2
    command: str = args.command or "run"
    if command == "run":
        return _run(settings, args.webhook, args.listen, args.port)
    if command == "console":
        return _console(settings, args.script, args.database)
    if command == "migrate":
        return _migrate(settings)
    if command == "backup":
        return _backup(settings, Path(args.path))
    if command == "when":
        from bot.timephrases.report import when_cli

        output, status = when_cli(" ".join(args.text), args.tz, args.now)
        print(output, file=sys.stdout if status == 0 else sys.stderr)
        return status
    parser.print_help()
    return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parkbridge", description="Telegram bot for partnerships between technology parks."
    )
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser("run", help="run the bot (the console if no token is set)")
    run.add_argument(
        "--webhook", metavar="URL", help="receive updates at this public HTTPS URL, not by polling"
    )
    run.add_argument("--listen", default="0.0.0.0", help="address the webhook server binds")
    run.add_argument("--port", type=int, default=8443, help="port the webhook server binds")
    console = sub.add_parser("console", help="chat with the bot locally, no Telegram needed")
    console.add_argument(
        "--script", type=Path, help="play lines from FILE and print the transcript"
    )
    console.add_argument(
        "--database",
        help="SQLite file for the console (default: in memory for --script, else data/console.db)",
    )
    sub.add_parser("migrate", help="apply database migrations and print the schema version")
    backup = sub.add_parser("backup", help="copy the live database to PATH")
    backup.add_argument("path")
    when = sub.add_parser("when", help="show how a time phrase is read, as an ISO 8601 instant")
    when.add_argument("text", nargs="+", help="e.g. завтра в 15:00, 明天下午3点, huomenna klo 15")
    when.add_argument("--tz", default="UTC", help="IANA zone the phrase is read in")
    when.add_argument("--now", help="reference time, ISO 8601 with offset (default: now)")
    return parser


def _run(
    settings: Settings, webhook_url: str | None = None, listen: str = "", port: int = 0
) -> int:
    if not settings.token:
        print("No TELEGRAM_BOT_TOKEN set: opening the local console instead (see README).")
        return _console(settings, None, None)
    from telegram import Update

    from bot.app.runtime import Webhook
    from bot.app.wiring import build_application

    setup_logging(settings.log_level)
    app = build_application(settings)
    try:
        if webhook_url:
            hook = Webhook(webhook_url, listen, port)
            app.run_webhook(
                listen=hook.listen,
                port=hook.port,
                url_path=hook.path,
                webhook_url=hook.url,
                secret_token=hook.secret,
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            app.run_polling(allowed_updates=Update.ALL_TYPES)
    except Exception as error:  # one redacted line, never a traceback with the token in it
        print(f"parkbridge stopped: {redact(str(error))}", file=sys.stderr)
        return 1
    return 0


def _console(settings: Settings, script: Path | None, database: str | None) -> int:
    from bot.app.console import run_console

    if database is None:
        database = ":memory:" if script is not None else str(Path("data") / "console.db")
    setup_logging("ERROR")  # the console's screen is the chat; warnings stay out of it
    try:
        return asyncio.run(run_console(replace(settings, database=Path(database)), script))
    except KeyboardInterrupt:  # Ctrl-C is how people leave a console
        print()
        return 0


def _migrate(settings: Settings) -> int:
    from storage.database import Database
    from storage.migrations import migrate

    async def apply() -> int:
        db = Database(settings.database)
        await db.open()
        try:
            return await migrate(db)
        finally:
            await db.close()

    version = asyncio.run(apply())
    print(f"{settings.database}: schema version {version}")
    return 0


def _backup(settings: Settings, target: Path) -> int:
    if not settings.database.is_file():
        print(f"no database at {settings.database}", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(settings.database)
    copy = sqlite3.connect(target)
    try:
        with copy:
            source.backup(copy)
    finally:
        copy.close()
        source.close()
    print(f"copied {settings.database} to {target}")
    return 0
