"""Who may move, answer for and support a project: reasons, not text, so rendering stays apart."""

from __future__ import annotations

from bot.common.caller import AdminCheck, Caller
from bot.projects.models import Partner, Project, Refusal
from bot.projects.stages import REJECTED, WITHDRAWN, is_legal, needs_coordinator

CLOSED = frozenset({REJECTED, WITHDRAWN})
__all__ = ["CLOSED", "AdminCheck", "Caller", "Refusal"]


def involved_chats(lead_home: int | None, partners: list[Partner]) -> list[int]:
    """Home chats of the lead and of partners that did not decline, without repeats."""
    found: list[int] = []
    for home in [lead_home, *(p.home_chat_id for p in partners if p.status != "declined")]:
        if home is not None and home not in found:
            found.append(home)
    return found


def authority_chats(lead_home: int | None, partners: list[Partner]) -> list[int]:
    """Home chats whose administrators coordinate the project: the lead's and accepted partners'.

    A delegation that was merely invited (or declined) has no say over the project's stage.
    """
    found: list[int] = []
    for home in [lead_home, *(p.home_chat_id for p in partners if p.status == "accepted")]:
        if home is not None and home not in found:
            found.append(home)
    return found


def in_home_chats(caller: Caller, home_chats: list[int | None] | list[int]) -> bool:
    """Whether the caller acts inside one of these home chats (where their admin rights count)."""
    return caller.chat_id is not None and caller.chat_id in {h for h in home_chats if h is not None}


def move_refusal(
    project: Project,
    target: str,
    *,
    coordinator: bool,
    proposer_or_head: bool,
) -> Refusal | None:
    """Why this move may not be made now: forward is coordinators', withdrawing the lead's."""
    if needs_coordinator(target):
        if not coordinator:
            return Refusal.NOT_COORDINATOR
    elif not proposer_or_head:
        return Refusal.NOT_WITHDRAWER
    if not is_legal(project.stage, target):
        return Refusal.ILLEGAL_MOVE
    return None


def answer_refusal(project: Project, *, head: bool, coordinator: bool) -> Refusal | None:
    """Heads of the invited delegation or its coordinators answer, while the project is open."""
    if not head and not coordinator:
        return Refusal.NOT_PARTNER_AUTHORITY
    if project.stage in CLOSED:
        return Refusal.CLOSED
    return None


def support_refusal(project: Project, *, member: bool) -> Refusal | None:
    """Members of some delegation may endorse an open project."""
    if not member:
        return Refusal.NOT_MEMBER
    if project.stage in CLOSED:
        return Refusal.CLOSED
    return None
