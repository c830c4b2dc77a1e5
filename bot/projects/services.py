"""The projects feature's use cases, one per intent, each owning its unit of work."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.common.store import Store
from bot.delegations.models import Delegation
from bot.projects.models import Answer, Partner, Project, Refusal
from bot.projects.policy import (
    Caller,
    answer_refusal,
    authority_chats,
    in_home_chats,
    involved_chats,
    move_refusal,
    support_refusal,
)
from bot.projects.ports import ProjectsUnit
from bot.projects.rules import check_reason
from bot.projects.stages import REJECTED, needs_coordinator


async def find_project(store: Store[ProjectsUnit], project_id: int) -> Project | None:
    """A project by id, for commands that name one."""
    async with store.read() as uow:
        return await uow.projects.get(project_id)


async def _admin_counts(caller: Caller, home_chats: list[int] | list[int | None]) -> bool:
    """Configured coordinators always; a chat admin only inside one of these home chats."""
    if caller.configured:
        return True
    if not in_home_chats(caller, home_chats):
        return False
    return await caller.chat_admin()


async def _is_head(uow: ProjectsUnit, delegation_id: int, user_id: int | None) -> bool:
    """Whether this person heads the delegation."""
    if user_id is None:
        return False
    return await uow.delegations.role_of(delegation_id, user_id) == "head"


async def may_coordinate(store: Store[ProjectsUnit], project: Project, caller: Caller) -> bool:
    """Configured coordinators, or admins of the lead's or an accepted partner's home chat there."""
    async with store.read() as uow:
        lead = await uow.delegations.by_id(project.lead_id)
        partners = await uow.projects.partners(project.id)
    return await _admin_counts(
        caller, authority_chats(lead.home_chat_id if lead else None, partners)
    )


async def may_withdraw(store: Store[ProjectsUnit], project: Project, user_id: int | None) -> bool:
    """The proposer, or a head of the lead delegation."""
    if user_id is None:
        return False
    if user_id == project.proposed_by:
        return True
    async with store.read() as uow:
        return await _is_head(uow, project.lead_id, user_id)


@dataclass(frozen=True)
class MoveOutcome:
    """A stage move: done (with the previous stage and who to tell) or refused and why."""

    project: Project  # as it is now (after the move, or as found when refused)
    target: str
    refusal: Refusal | None = None
    previous: str | None = None
    reason: str = ""
    lead: Delegation | None = None
    notify: list[int] = field(default_factory=list)


async def check_move(
    store: Store[ProjectsUnit], project: Project, target: str, caller: Caller
) -> MoveOutcome:
    """Whether this caller may make this move now (nothing is written); refusal None if so."""
    async with store.read() as uow:
        current = await uow.projects.get(project.id) or project
        lead = await uow.delegations.by_id(current.lead_id)
        partners = await uow.projects.partners(current.id)
        head = await _is_head(uow, current.lead_id, caller.user_id)
    lead_home = lead.home_chat_id if lead else None
    if needs_coordinator(target):
        coordinator = await _admin_counts(caller, authority_chats(lead_home, partners))
        refusal = move_refusal(current, target, coordinator=coordinator, proposer_or_head=False)
    else:
        withdrawer = caller.user_id == current.proposed_by or head
        refusal = move_refusal(current, target, coordinator=False, proposer_or_head=withdrawer)
    return MoveOutcome(current, target, refusal, lead=lead)


async def move_stage(
    store: Store[ProjectsUnit],
    project: Project,
    target: str,
    reason: str,
    caller: Caller,
    now: datetime,
    *,
    anonymous_id: int | None = None,
) -> MoveOutcome:
    """Check who may move, then move (the stage rules re-checked inside the write transaction).

    `anonymous_id`: the history names that actor instead of the caller (an anonymous admin).
    """
    checked = await check_move(store, project, target, caller)
    if checked.refusal is not None:
        return checked
    current, lead = checked.project, checked.lead
    if target == REJECTED:
        cleaned = check_reason(reason)
        if not isinstance(cleaned, str):
            return MoveOutcome(current, target, Refusal.NO_REASON, lead=lead)
        reason = cleaned
    actor = anonymous_id if anonymous_id is not None else caller.user_id
    async with store.write() as uow:
        moved = await uow.projects.move(current.id, target, actor, reason, now)
        after = await uow.projects.get(current.id) or current
        if not moved.done or moved.previous is None:
            return MoveOutcome(after, target, Refusal.ILLEGAL_MOVE, lead=lead)
        partners = await uow.projects.partners(current.id)
    return MoveOutcome(
        after,
        target,
        previous=moved.previous,
        reason=reason,
        lead=lead,
        notify=involved_chats(lead.home_chat_id if lead else None, partners),
    )


@dataclass(frozen=True)
class AnswerOutcome:
    """A partner's Accept/Decline: recorded, refused, or about no invitation at all."""

    project: Project | None  # None (or partner None): no such invitation
    partner: Partner | None = None
    refusal: Refusal | None = None
    lead_home: int | None = None


async def answer_invitation(
    store: Store[ProjectsUnit],
    project_id: int,
    delegation_id: int,
    accept: bool,
    caller: Caller,
    now: datetime,
) -> AnswerOutcome:
    """Heads of the invited delegation or its coordinators answer once, while it is open."""
    async with store.read() as uow:
        project = await uow.projects.get(project_id)
        if project is None:
            return AnswerOutcome(None)
        partners = await uow.projects.partners(project.id)
        partner = next((p for p in partners if p.delegation_id == delegation_id), None)
        if partner is None:
            return AnswerOutcome(project)
        head = await _is_head(uow, partner.delegation_id, caller.user_id)
    coordinator = head or await _admin_counts(caller, [partner.home_chat_id])
    refusal = answer_refusal(project, head=head, coordinator=coordinator)
    if refusal is not None:
        return AnswerOutcome(project, partner, refusal)
    async with store.write() as uow:
        outcome = await uow.projects.answer(
            project.id, partner.delegation_id, accept, caller.user_id, now
        )
        if outcome is not Answer.OK:
            return AnswerOutcome(project, partner, Refusal.ALREADY_ANSWERED)
        lead = await uow.delegations.by_id(project.lead_id)
    return AnswerOutcome(project, partner, lead_home=lead.home_chat_id if lead else None)


@dataclass(frozen=True)
class SupportOutcome:
    """An endorsement: recorded with the new total, or refused."""

    project: Project
    refusal: Refusal | None = None
    total: int = 0


async def support_project(
    store: Store[ProjectsUnit],
    project: Project,
    user_id: int | None,
    chat_id: int | None,
    now: datetime,
) -> SupportOutcome:
    """Endorse as a member of a delegation (the one homed here first), once per person."""
    async with store.write() as uow:
        own = await uow.delegations.of_user(user_id) if user_id is not None else []
        refusal = support_refusal(project, member=bool(own))
        if refusal is not None or user_id is None:
            return SupportOutcome(project, refusal or Refusal.NOT_MEMBER)
        homed = [d for d, _ in own if chat_id is not None and d.home_chat_id == chat_id]
        delegation = (homed or [d for d, _ in own])[0]
        if not await uow.projects.support(project.id, user_id, delegation.id, now):
            return SupportOutcome(project, Refusal.ALREADY_SUPPORTED)
        total = sum(n for _, n in await uow.projects.supporters(project.id))
    return SupportOutcome(project, total=total)
