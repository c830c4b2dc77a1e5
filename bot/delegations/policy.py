"""Who may manage a delegation, decided over plain facts, answered with a reason."""

from __future__ import annotations

from enum import StrEnum


class Refusal(StrEnum):
    """Why someone may not do what they asked."""

    NOT_MANAGER = "not_manager"
    DUPLICATE_NAME = "duplicate_name"


def manage_refusal(
    *,
    role: str | None,
    configured: bool,
    acting_chat: int | None,
    home_chat: int | None,
    chat_admin: bool,
) -> Refusal | None:
    """Heads, configured coordinators, and administrators of the home chat acting there."""
    if role == "head" or configured:
        return None
    if home_chat is not None and acting_chat == home_chat and chat_admin:
        return None
    return Refusal.NOT_MANAGER


def needs_admin_check(*, configured: bool, acting_chat: int | None, home_chat: int | None) -> bool:
    """Whether asking Telegram about chat admins could change the answer."""
    return not configured and home_chat is not None and acting_chat == home_chat
