"""The bot token never reaches a log line."""

from __future__ import annotations

import io
import logging

from bot.app.logs import setup_logging

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"


def test_token_is_redacted_in_messages_arguments_and_tracebacks() -> None:
    stream = io.StringIO()
    handler = setup_logging("DEBUG", stream)
    try:
        log = logging.getLogger("parkbridge.test")
        log.info("GET https://api.telegram.org/bot%s/getMe", TOKEN)
        try:
            raise RuntimeError(f"failed https://api.telegram.org/bot{TOKEN}/sendMessage")
        except RuntimeError:
            log.exception("request failed")
    finally:
        logging.getLogger().removeHandler(handler)
    output = stream.getvalue()
    assert "getMe" in output and "request failed" in output and "RuntimeError" in output
    assert TOKEN not in output
    assert "<token>" in output


def test_http_client_loggers_are_quiet() -> None:
    handler = setup_logging("DEBUG", io.StringIO())
    logging.getLogger().removeHandler(handler)
    assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING
    assert logging.getLogger("httpcore").getEffectiveLevel() >= logging.WARNING
