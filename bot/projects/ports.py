"""What the feature needs from storage: the repositories a unit of work holds."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.delegations.ports import DelegationsUnit
from bot.projects.models import Answer, Event, Filters, Moved, Partner, Project
from bot.projects.rules import ProjectDraft


class ProjectRepository(Protocol):
    """The projects repository."""

    async def create(
        self, draft: ProjectDraft, proposer: int, chat_id: int | None, now: datetime
    ) -> int:
        """Insert the project, its invitations and their history rows, all or nothing."""
        ...

    async def get(self, project_id: int) -> Project | None:
        """A project by id."""
        ...

    async def partners(self, project_id: int) -> list[Partner]:
        """Invited delegations in the order they were invited."""
        ...

    async def answer(
        self, project_id: int, delegation_id: int, accept: bool, actor: int, now: datetime
    ) -> Answer:
        """Record a partner's Accept or Decline once, with its history row."""
        ...

    async def move(
        self, project_id: int, target: str, actor: int, reason: str, now: datetime
    ) -> Moved:
        """Change the stage if the rules allow it from the stage found inside the transaction."""
        ...

    async def support(
        self, project_id: int, user_id: int, delegation_id: int, now: datetime
    ) -> bool:
        """Endorse once; False if this person already did."""
        ...

    async def has_supported(self, project_id: int, user_id: int) -> bool:
        """Whether this person already endorsed the project."""
        ...

    async def supporters(self, project_id: int) -> list[tuple[str, int]]:
        """(delegation name, supporters) for the project, most supporters first."""
        ...

    async def events(self, project_id: int, last: int | None = None) -> list[Event]:
        """The history oldest first; with `last`, only that many most recent rows."""
        ...

    async def search(self, filters: Filters, offset: int, limit: int) -> tuple[list[Project], int]:
        """One page of projects matching the filters, newest first, and how many match in all."""
        ...

    async def every(self, delegation_ids: list[int] | None = None) -> list[Project]:
        """All projects by id, or those led by or partnering one of `delegation_ids`."""
        ...

    async def all_partners(self) -> dict[int, list[Partner]]:
        """Every project's partners, for exports and suggestions."""
        ...

    async def support_counts(self) -> dict[int, int]:
        """Supporters per project."""
        ...


class ProjectsUnit(DelegationsUnit, Protocol):
    """The repositories the projects feature's services work with, in one transaction."""

    @property
    def projects(self) -> ProjectRepository:
        """Joint projects, partners, supporters and history."""
        ...
