"""What the feature is made of, as the core sees it: plain data, no storage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import Enum


class DuplicateName(Exception):
    """Another delegation already has this name (ignoring case and spaces)."""


class Outcome(Enum):
    """What a membership change came to."""

    OK = "ok"
    ALREADY_MEMBER = "already_member"
    NOT_MEMBER = "not_member"
    LAST_HEAD = "last_head"
    ALREADY_PENDING = "already_pending"
    NOT_PENDING = "not_pending"
    UNCHANGED = "unchanged"
    EXPIRED = "expired"


@dataclass(frozen=True)
class Delegation:
    """A delegation as stored."""

    id: int
    name: str
    organisation: str
    country: str
    city: str
    language: str
    timezone: str
    interests: tuple[str, ...]
    description: str
    home_chat_id: int | None
    created_by: int
    created_at: str


@dataclass(frozen=True)
class Member:
    """A current member and their role."""

    user_id: int
    first_name: str
    username: str | None
    role: str
    joined_at: str


@dataclass(frozen=True)
class JoinRequest:
    """Someone asking to join."""

    id: int
    delegation_id: int
    user_id: int
    asked_in_chat: int | None
    status: str


INVITE_LIFETIME = timedelta(days=7)
