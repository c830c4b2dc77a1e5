"""One async function per delegations intent: each owns its transaction, returns an outcome."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from bot.chats.models import ChatRecord, UserRecord
from bot.common.caller import Caller
from bot.common.store import Store
from bot.delegations.models import (
    INVITE_LIFETIME,
    Delegation,
    DuplicateName,
    JoinRequest,
    Member,
    Outcome,
)
from bot.delegations.policy import Refusal, manage_refusal, needs_admin_check
from bot.delegations.ports import DelegationsUnit
from bot.delegations.rules import DelegationDraft

DelegationsStore = Store[DelegationsUnit]


@dataclass(frozen=True)
class NotFound:
    """No delegation by that name; these look alike."""

    similar: list[str]


@dataclass(frozen=True)
class Ambiguous:
    """No name given and no single obvious delegation."""


async def find_delegation(
    store: DelegationsStore, name: str, chat_id: int | None, in_group: bool, user_id: int | None
) -> Delegation | NotFound | Ambiguous:
    """The named delegation, or the one homed in this group, or the caller's only one."""
    async with store.read() as uow:
        if name:
            found = await uow.delegations.by_name(name)
            if found is not None:
                return found
            return NotFound(await uow.delegations.similar_names(name))
        if in_group and chat_id is not None:
            homed = await uow.delegations.of_chat(chat_id)
            if len(homed) == 1:
                return homed[0]
        if user_id is not None:
            own = await uow.delegations.of_user(user_id)
            if len(own) == 1:
                return own[0][0]
    return Ambiguous()


async def may_manage(
    store: DelegationsStore, delegation: Delegation, caller: Caller
) -> Refusal | None:
    """The policy, fed with the caller's role; Telegram is asked outside any transaction."""
    async with store.read() as uow:
        role = await uow.delegations.role_of(delegation.id, caller.user_id)
    admin = False
    if role != "head" and needs_admin_check(
        configured=caller.configured, acting_chat=caller.chat_id, home_chat=delegation.home_chat_id
    ):
        admin = await caller.chat_admin()
    return manage_refusal(
        role=role,
        configured=caller.configured,
        acting_chat=caller.chat_id,
        home_chat=delegation.home_chat_id,
        chat_admin=admin,
    )


@dataclass(frozen=True)
class DelegationPage:
    """One page of the list."""

    rows: list[tuple[Delegation, int]]
    page: int
    total: int


async def list_delegations(
    store: DelegationsStore, page: int, page_size: int
) -> DelegationPage | None:
    """A page of delegations by name; None for a page past the end (a stale button)."""
    if page < 0:
        return None
    async with store.read() as uow:
        rows, total = await uow.delegations.page(page * page_size, page_size)
    if not rows and page > 0:
        return None
    return DelegationPage(rows, page, total)


@dataclass(frozen=True)
class Card:
    """What a delegation card shows."""

    delegation: Delegation
    members: list[Member]
    home_title: str | None


async def delegation_card(store: DelegationsStore, delegation_id: int) -> Card | None:
    """The delegation with its members and home chat title, read in one state."""
    async with store.read() as uow:
        delegation = await uow.delegations.by_id(delegation_id)
        if delegation is None:
            return None
        members = await uow.delegations.members(delegation_id)
        home = None
        if delegation.home_chat_id is not None:
            chat = await uow.chats.get_chat(delegation.home_chat_id)
            home = chat.title if chat else None
    return Card(delegation, members, home)


async def delegation_members(store: DelegationsStore, delegation_id: int) -> list[Member]:
    """Current members, heads first."""
    async with store.read() as uow:
        return await uow.delegations.members(delegation_id)


@dataclass(frozen=True)
class Linked:
    """The group is now the home chat; requests still waiting should be posted there."""

    delegation: Delegation
    chat_id: int


async def link_chat(
    store: DelegationsStore, delegation: Delegation, caller: Caller
) -> Linked | Refusal:
    """Home the delegation in the caller's group; a group that set nothing takes its settings."""
    refusal = await may_manage(store, delegation, caller)
    if refusal is not None:
        return refusal
    assert caller.chat_id is not None
    async with store.write() as uow:
        await uow.delegations.link_chat(delegation.id, caller.chat_id, caller.user_id)
        # A group that set nothing yet takes its delegation's zone and language, so times
        # typed there are read in the right zone from the start (/settings changes them).
        record = await uow.chats.get_chat(caller.chat_id)
        if record is not None and record.timezone is None:
            await uow.chats.set_timezone(caller.chat_id, delegation.timezone)
        if record is not None and not record.languages:
            await uow.chats.set_languages(caller.chat_id, [delegation.language])
        linked = await uow.delegations.by_id(delegation.id)
    assert linked is not None
    return Linked(linked, caller.chat_id)


@dataclass(frozen=True)
class Recipients:
    """Where a join request goes: the home chat if active, else heads, else coordinators."""

    home: ChatRecord | None
    heads: list[tuple[int, UserRecord | None]]
    coordinators: list[tuple[int, UserRecord | None]]


async def request_recipients(
    store: DelegationsStore, delegation: Delegation, coordinators: list[int]
) -> Recipients:
    """The people and chat a join request for this delegation may be posted to."""
    async with store.read() as uow:
        home = None
        if delegation.home_chat_id is not None:
            home = await uow.chats.get_chat(delegation.home_chat_id)
        heads = [
            m.user_id for m in await uow.delegations.members(delegation.id) if m.role == "head"
        ]
        return Recipients(
            home,
            [(h, await uow.users.get_user(h)) for h in heads],
            [(c, await uow.users.get_user(c)) for c in sorted(coordinators)],
        )


@dataclass(frozen=True)
class JoinAsked:
    """What /join came to: a request filed, or already waiting, or already a member."""

    outcome: Outcome
    request_id: int | None


async def ask_to_join(
    store: DelegationsStore, delegation_id: int, user_id: int, chat_id: int | None
) -> JoinAsked:
    """File a join request unless the person is in already or has one pending."""
    async with store.write() as uow:
        outcome, request_id = await uow.delegations.request_to_join(delegation_id, user_id, chat_id)
    return JoinAsked(outcome, request_id)


@dataclass(frozen=True)
class Pending:
    """A request still waiting and the person who made it."""

    request: JoinRequest
    person: UserRecord | None


async def pending_requests(store: DelegationsStore, delegation_id: int) -> list[Pending]:
    """Unanswered requests, oldest first, with who asked."""
    async with store.read() as uow:
        return [
            Pending(r, await uow.users.get_user(r.user_id))
            for r in await uow.delegations.pending_requests(delegation_id)
        ]


@dataclass(frozen=True)
class Decided:
    """A request answered (or found answered already: outcome NOT_PENDING)."""

    outcome: Outcome
    request: JoinRequest
    delegation: Delegation
    requester: UserRecord | None


async def decide_request(
    store: DelegationsStore, request_id: int, approve: bool, caller: Caller
) -> Decided | Refusal | None:
    """Approve or decline once, by a manager; None when the request does not exist."""
    async with store.read() as uow:
        request = await uow.delegations.join_request(request_id)
        delegation = (
            await uow.delegations.by_id(request.delegation_id) if request is not None else None
        )
    if request is None or delegation is None:
        return None
    refusal = await may_manage(store, delegation, caller)
    if refusal is not None:
        return refusal
    async with store.write() as uow:
        outcome = await uow.delegations.decide(request.id, approve, caller.user_id)
        requester = await uow.users.get_user(request.user_id)
    return Decided(outcome, request, delegation, requester)


async def leave_delegation(store: DelegationsStore, delegation_id: int, user_id: int) -> Outcome:
    """End a membership; the last head must hand over first."""
    async with store.write() as uow:
        return await uow.delegations.leave(delegation_id, user_id)


@dataclass(frozen=True)
class Invite:
    """A fresh deep-link token."""

    token: str
    expires: datetime


async def create_invite(
    store: DelegationsStore, delegation: Delegation, caller: Caller, now: datetime
) -> Invite | Refusal:
    """A token that makes whoever opens it a member, for INVITE_LIFETIME."""
    refusal = await may_manage(store, delegation, caller)
    if refusal is not None:
        return refusal
    token = secrets.token_urlsafe(12)
    expires = now + INVITE_LIFETIME
    async with store.write() as uow:
        await uow.delegations.create_invite(delegation.id, caller.user_id, token, expires)
    return Invite(token, expires)


@dataclass(frozen=True)
class Joined:
    """What opening an invitation came to."""

    outcome: Outcome
    delegation: Delegation | None


async def join_by_invite(
    store: DelegationsStore, token: str, user_id: int, now: datetime
) -> Joined:
    """Join through a deep link: OK, ALREADY_MEMBER or EXPIRED."""
    async with store.write() as uow:
        outcome, delegation_id = await uow.delegations.use_invite(token, user_id, now)
        found = await uow.delegations.by_id(delegation_id) if delegation_id else None
    return Joined(outcome, found)


async def role_candidates(
    store: DelegationsStore, delegation: Delegation, new_role: str, caller: Caller
) -> list[Member] | Refusal:
    """Members who could take `new_role` (heads to demote, members to promote)."""
    refusal = await may_manage(store, delegation, caller)
    if refusal is not None:
        return refusal
    current = "member" if new_role == "head" else "head"
    return [m for m in await delegation_members(store, delegation.id) if m.role == current]


@dataclass(frozen=True)
class RoleChanged:
    """What a promotion or demotion came to, and about whom."""

    outcome: Outcome
    delegation: Delegation
    person: UserRecord | None


async def change_role(
    store: DelegationsStore, delegation_id: int, user_id: int, role: str, caller: Caller
) -> RoleChanged | Refusal | None:
    """Promote or demote; a delegation keeps a head; None for an unknown delegation."""
    async with store.read() as uow:
        found = await uow.delegations.by_id(delegation_id)
    if found is None:
        return None
    refusal = await may_manage(store, found, caller)
    if refusal is not None:
        return refusal
    async with store.write() as uow:
        outcome = await uow.delegations.set_role(found.id, user_id, role, caller.user_id)
        person = await uow.users.get_user(user_id)
    return RoleChanged(outcome, found, person)


async def find_request_delegation(store: DelegationsStore, request_id: int) -> Delegation | None:
    """The delegation a join request is for (to name it in a refusal)."""
    async with store.read() as uow:
        request = await uow.delegations.join_request(request_id)
        return await uow.delegations.by_id(request.delegation_id) if request else None


async def name_taken(store: DelegationsStore, name: str) -> bool:
    """Whether a delegation already uses this name (ignoring case and spaces)."""
    async with store.read() as uow:
        return await uow.delegations.name_taken(name)


async def register_delegation(
    store: DelegationsStore,
    draft: DelegationDraft,
    actor: int,
    head: int | None,
    home_chat_id: int | None,
) -> Delegation | Refusal:
    """Store a new delegation (homed in `home_chat_id` if given), all or nothing."""
    try:
        async with store.write() as uow:
            delegation_id = await uow.delegations.create(draft, actor, head)
            if home_chat_id is not None:
                await uow.delegations.link_chat(delegation_id, home_chat_id, actor)
            delegation = await uow.delegations.by_id(delegation_id)
    except DuplicateName:
        return Refusal.DUPLICATE_NAME
    assert delegation is not None
    return delegation


async def edit_delegation_field(
    store: DelegationsStore,
    delegation_id: int,
    field: str,
    value: str | list[str],
    caller: Caller,
) -> Delegation | Refusal | None:
    """Re-check the caller's right, change one field; None when the delegation is gone."""
    async with store.read() as uow:
        found = await uow.delegations.by_id(delegation_id)
    if found is None:
        return None
    refusal = await may_manage(store, found, caller)
    if refusal is not None:
        return refusal
    try:
        async with store.write() as uow:
            await uow.delegations.update_field(found.id, field, value, caller.user_id)
            updated = await uow.delegations.by_id(found.id)
    except DuplicateName:
        return Refusal.DUPLICATE_NAME
    assert updated is not None
    return updated
