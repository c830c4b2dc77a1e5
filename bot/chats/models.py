"""What the feature is made of, as the core sees it: plain data, no storage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChatRecord:
    """A chat's stored settings; None means "use the configured default"."""

    id: int
    type: str
    title: str
    timezone: str | None
    languages: tuple[str, ...]
    active: bool
    autotranslate: bool = False


@dataclass(frozen=True)
class UserRecord:
    """What the bot keeps about a person."""

    id: int
    first_name: str
    username: str | None
    telegram_language: str | None
    language: str | None
