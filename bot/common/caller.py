"""Who acts and where, as every feature's services see them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class AdminCheck(Protocol):
    """Whether the caller administers the chat they act in (a Telegram fact the adapter knows)."""

    async def __call__(self) -> bool:
        """Asked only when the answer matters, so no needless lookup is made."""
        ...


@dataclass(frozen=True)
class Caller:
    """The acting person, the chat they act in, and whether they are a configured coordinator."""

    user_id: int
    chat_id: int | None
    configured: bool
    chat_admin: AdminCheck
