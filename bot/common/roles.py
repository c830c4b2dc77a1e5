"""Who counts as a coordinator, as pure rules (the Telegram lookups live in handlers)."""

from __future__ import annotations

from bot.common.settings import Settings

# Telegram's sender for messages an anonymous administrator posts "as the group".
ANONYMOUS_ADMIN_ID = 1087968824
ADMIN_STATUSES = frozenset({"creator", "administrator"})


def is_configured_coordinator(settings: Settings, user_id: int | None) -> bool:
    """Coordinators named in PARKBRIDGE_COORDINATORS are coordinators everywhere."""
    return user_id is not None and user_id in settings.coordinators


def is_anonymous_admin(chat_id: int, user_id: int | None, sender_chat_id: int | None) -> bool:
    """An anonymous admin posts with the group itself as sender: that is an admin of the group."""
    return user_id == ANONYMOUS_ADMIN_ID and sender_chat_id == chat_id
