"""Local Telegram Bot API simulator: plays Telegram for tests, the console and benchmarks."""

from simulator.flood import FloodLimiter
from simulator.html_check import EntityParseError, ParsedText, parse_html, strip_html, utf16_len
from simulator.methods import ApiError
from simulator.models import (
    ANONYMOUS_ADMIN_ID,
    ApiCall,
    CallbackRecord,
    SimChat,
    SimDocument,
    SimMessage,
    SimulatorError,
    SimUser,
    UploadedFile,
)
from simulator.server import BotApiSimulator
from simulator.state import SimWorld

__all__ = [
    "ANONYMOUS_ADMIN_ID",
    "ApiCall",
    "ApiError",
    "BotApiSimulator",
    "CallbackRecord",
    "EntityParseError",
    "FloodLimiter",
    "ParsedText",
    "SimChat",
    "SimDocument",
    "SimMessage",
    "SimUser",
    "SimWorld",
    "SimulatorError",
    "UploadedFile",
    "parse_html",
    "strip_html",
    "utf16_len",
]
