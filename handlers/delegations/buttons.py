"""The delegations feature's button kinds: one typed callback-data class each."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from handlers.common.callbacks import Button


@dataclass(frozen=True)
class ListPage(Button):
    """◀ ▶ on /delegations: the page to show."""

    KIND = "dl"
    page: int


class Verdict(Enum):
    """Approve or decline a join request."""

    APPROVE = "a"
    DECLINE = "d"


@dataclass(frozen=True)
class RequestAnswer(Button):
    """Approve / Decline under a join request."""

    KIND = "jr"
    request_id: int
    verdict: Verdict


class NewRole(Enum):
    """The role a promotion or demotion button gives."""

    HEAD = "h"
    MEMBER = "m"


@dataclass(frozen=True)
class RoleChange(Button):
    """A member's button in the /promote or /demote menu."""

    KIND = "pm"
    delegation_id: int
    user_id: int
    role: NewRole
