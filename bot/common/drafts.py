"""Where dialogue drafts are kept between updates, so a restart loses nothing a user typed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class StoredDraft:
    """Everything one dialogue has open in one chat, as the dialogue framework encoded it."""

    dialogue: str
    chat_id: int
    body: str  # JSON: the open conversations and their forms


class DraftsRepository(Protocol):
    """Open dialogues, one row per dialogue and chat."""

    async def keep(self, draft: StoredDraft) -> None:
        """Store (or replace) a dialogue's drafts in a chat."""
        ...

    async def forget(self, dialogue: str, chat_id: int) -> None:
        """Nothing of this dialogue is open in this chat any more."""
        ...

    async def every(self) -> list[StoredDraft]:
        """Every open dialogue, to pick up after a restart."""
        ...


class DraftsUnit(Protocol):
    """A unit of work that keeps dialogue drafts."""

    @property
    def drafts(self) -> DraftsRepository:
        """Open dialogues."""
        ...
