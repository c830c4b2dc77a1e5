"""What happened to delegations that other features react to (they subscribe; we never call up)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HomeChatLinked:
    """A delegation got a (new) home chat."""

    delegation_id: int
    chat_id: int
