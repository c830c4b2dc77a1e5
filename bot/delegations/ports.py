"""What the feature needs from storage: the repositories a unit of work holds."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.chats.ports import ChatsUnit
from bot.delegations.models import (
    Delegation,
    JoinRequest,
    Member,
    Outcome,
)
from bot.delegations.rules import DelegationDraft


class DelegationRepository(Protocol):
    """The delegations repository."""

    async def create(self, draft: DelegationDraft, actor: int, head: int | None) -> int:
        """Insert a delegation, its first head and the 'registered' event, all or nothing."""
        ...

    async def name_taken(self, name: str, except_id: int | None = None) -> bool:
        """Whether another delegation already uses this name."""
        ...

    async def by_name(self, name: str) -> Delegation | None:
        """Look a delegation up by name, ignoring case and spaces."""
        ...

    async def by_id(self, delegation_id: int) -> Delegation | None:
        """Look a delegation up by id."""
        ...

    async def similar_names(self, text: str, limit: int = 3) -> list[str]:
        """Names containing what was typed, to suggest when a lookup fails."""
        ...

    async def page(self, offset: int, limit: int) -> tuple[list[tuple[Delegation, int]], int]:
        """One page of delegations by name, with member counts, and the total."""
        ...

    async def members(self, delegation_id: int) -> list[Member]:
        """Current members, heads first, then by joining time."""
        ...

    async def role_of(self, delegation_id: int, user_id: int) -> str | None:
        """'head', 'member', or None for someone outside the delegation."""
        ...

    async def of_user(self, user_id: int) -> list[tuple[Delegation, str]]:
        """The delegations someone belongs to now, with their role in each."""
        ...

    async def of_chat(self, chat_id: int) -> list[Delegation]:
        """Delegations whose home chat this is."""
        ...

    async def update_field(
        self, delegation_id: int, field: str, value: str | list[str], actor: int
    ) -> None:
        """Change one field and record who changed it; a taken name raises DuplicateName."""
        ...

    async def request_to_join(
        self, delegation_id: int, user_id: int, chat_id: int | None
    ) -> tuple[Outcome, int | None]:
        """File a join request unless the person is in already or has one pending."""
        ...

    async def join_request(self, request_id: int) -> JoinRequest | None:
        """A join request by id."""
        ...

    async def pending_requests(self, delegation_id: int) -> list[JoinRequest]:
        """Join requests nobody has answered yet, oldest first."""
        ...

    async def decide(self, request_id: int, approve: bool, actor: int) -> Outcome:
        """Approve (adding the member) or decline a pending request, exactly once."""
        ...

    async def leave(self, delegation_id: int, user_id: int) -> Outcome:
        """End someone's membership, keeping the row; the last head cannot leave."""
        ...

    async def set_role(self, delegation_id: int, user_id: int, role: str, actor: int) -> Outcome:
        """Promote to head or demote to member; a delegation keeps at least one head."""
        ...

    async def create_invite(
        self, delegation_id: int, actor: int, token: str, expires: datetime
    ) -> None:
        """Store a deep-link token for the delegation."""
        ...

    async def use_invite(
        self, token: str, user_id: int, now: datetime
    ) -> tuple[Outcome, int | None]:
        """Join through a deep link: (outcome, delegation id); unknown tokens: (EXPIRED, None)."""
        ...

    async def link_chat(self, delegation_id: int, chat_id: int, actor: int) -> None:
        """Make a group the delegation's home chat."""
        ...


class DelegationsUnit(ChatsUnit, Protocol):
    """The repositories the delegations feature's services work with, in one transaction."""

    @property
    def delegations(self) -> DelegationRepository:
        """Delegations, members, join requests and invitations."""
        ...
