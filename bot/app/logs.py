"""Logging that never shows the bot token, even in request URLs or exception text."""

from __future__ import annotations

import logging
import re
import sys
from typing import TextIO

TOKEN_PATTERN = re.compile(r"\d{5,}:[A-Za-z0-9_-]{30,}")
REDACTED = "<token>"
# httpx logs every request URL (which holds the token) at INFO.
# urllib3 (under deep-translator) logs request URLs with API keys and message text at DEBUG.
NOISY_LOGGERS = ("httpx", "httpcore", "urllib3", "apscheduler", "aiohttp.access")


def redact(text: str) -> str:
    """Replace anything shaped like a bot token."""
    return TOKEN_PATTERN.sub(REDACTED, text)


class RedactingFilter(logging.Filter):
    """Rewrites a record's final message and traceback text so no token leaves the process."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def setup_logging(level: str = "INFO", stream: TextIO | None = None) -> logging.Handler:
    """Install one redacting handler on the root logger and quiet the chatty libraries."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, "parkbridge", False):
            root.removeHandler(old)
    handler.parkbridge = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    return handler
