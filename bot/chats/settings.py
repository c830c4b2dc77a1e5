"""A chat's effective settings (stored over configured defaults) and the rules for changing them."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.chats.models import ChatRecord
from bot.common.languages import SUPPORTED
from bot.common.settings import Settings


@dataclass(frozen=True)
class EffectiveChatSettings:
    """What a chat actually uses today."""

    timezone: str
    languages: tuple[str, ...]

    @property
    def zone(self) -> ZoneInfo:
        """The chat's zone as a tzinfo."""
        return ZoneInfo(self.timezone)


def effective(record: ChatRecord | None, settings: Settings) -> EffectiveChatSettings:
    """Stored values, or the deployment's defaults where the chat set none."""
    timezone = (record.timezone if record else None) or settings.default_timezone
    languages = (record.languages if record else ()) or (settings.default_language,)
    return EffectiveChatSettings(timezone, languages)


def toggle_language(current: tuple[str, ...], code: str) -> tuple[str, ...] | None:
    """Add or remove one language, keeping the canonical order; None if it would leave none."""
    if code not in SUPPORTED:
        return None
    wanted = set(current) ^ {code}
    if not wanted:
        return None
    return tuple(lang for lang in SUPPORTED if lang in wanted)
