"""What the feature is made of, as the core sees it: plain data, no storage."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum


class Answer(Enum):
    """What a partner's answer came to."""

    OK = "ok"
    NOT_INVITED = "not_invited"
    ALREADY_ANSWERED = "already_answered"


@dataclass(frozen=True)
class Project:
    """A project as stored."""

    id: int
    title: str
    summary: str
    areas: tuple[str, ...]
    lead_id: int
    stage: str
    amount: Decimal | None
    currency: str | None
    target_date: str | None
    proposed_by: int
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Partner:
    """An invited delegation and its answer."""

    delegation_id: int
    name: str
    country: str
    home_chat_id: int | None
    status: str
    answered_by: int | None
    answered_at: str | None


@dataclass(frozen=True)
class Event:
    """One line of a project's history."""

    id: int
    actor_id: int
    actor_name: str | None
    actor_username: str | None
    action: str
    delegation_name: str | None
    from_stage: str | None
    to_stage: str | None
    reason: str
    at: str


@dataclass(frozen=True)
class Moved:
    """The outcome of a stage move: done or not, and the stage the project was in."""

    done: bool
    previous: str | None  # None: no such project


@dataclass(frozen=True)
class Filters:
    """What /projects narrows the list to; None means any."""

    area: str | None = None
    stage: str | None = None
    delegation_id: int | None = None
    mine_user_id: int | None = None


class Refusal(StrEnum):
    """Why an action on a project is refused."""

    NOT_COORDINATOR = "not_coordinator"
    NOT_WITHDRAWER = "not_withdrawer"
    ILLEGAL_MOVE = "illegal_move"
    NO_REASON = "no_reason"
    NOT_PARTNER_AUTHORITY = "not_partner_authority"
    CLOSED = "closed"
    ALREADY_ANSWERED = "already_answered"
    NOT_MEMBER = "not_member"
    ALREADY_SUPPORTED = "already_supported"
