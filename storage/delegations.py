"""Delegations, their members, join requests, invitations and the record of who did what."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from bot.delegations.models import (
    Delegation,
    DuplicateName,
    JoinRequest,
    Member,
    Outcome,
)
from bot.delegations.rules import DelegationDraft, name_key
from storage.chat_translation import forget_terms
from storage.database import Row, Session, Tx
from storage.timestamps import to_iso, utc_now_iso


def _delegation(row: Row) -> Delegation:
    return Delegation(
        id=row["id"],
        name=row["name"],
        organisation=row["organisation"],
        country=row["country"],
        city=row["city"],
        language=row["language"],
        timezone=row["timezone"],
        interests=tuple(code for code in row["interests"].split(",") if code),
        description=row["description"],
        home_chat_id=row["home_chat_id"],
        created_by=row["created_by"],
        created_at=row["created_at"],
    )


def _join_request(row: Row) -> JoinRequest:
    return JoinRequest(
        row["id"], row["delegation_id"], row["user_id"], row["asked_in_chat"], row["status"]
    )


async def _event(
    tx: Tx,
    delegation_id: int,
    actor: int,
    action: str,
    subject: int | None = None,
    detail: str = "",
) -> None:
    await tx.execute(
        """INSERT INTO delegation_events (delegation_id, actor_id, action, subject_id, detail, at)
           VALUES (?, ?, ?, ?, ?, ?)""",
        (delegation_id, actor, action, subject, detail, utc_now_iso()),
    )


async def _add_member(tx: Tx, delegation_id: int, user_id: int, role: str) -> None:
    await tx.execute(
        """INSERT INTO delegation_members (delegation_id, user_id, role, joined_at)
           VALUES (?, ?, ?, ?)""",
        (delegation_id, user_id, role, utc_now_iso()),
    )


async def _current_role(tx: Tx, delegation_id: int, user_id: int) -> str | None:
    role = await tx.value(
        """SELECT role FROM delegation_members
           WHERE delegation_id = ? AND user_id = ? AND left_at IS NULL""",
        (delegation_id, user_id),
    )
    return None if role is None else str(role)


async def _role_for_newcomer(tx: Tx, delegation_id: int) -> str:
    """The first person to join a delegation without a head becomes its head."""
    return "head" if await _heads(tx, delegation_id) == 0 else "member"


async def _heads(tx: Tx, delegation_id: int) -> int:
    return int(
        await tx.value(
            """SELECT count(*) FROM delegation_members
               WHERE delegation_id = ? AND role = 'head' AND left_at IS NULL""",
            (delegation_id,),
        )
    )


class SqliteDelegations:
    """The delegations repository, over a transaction or the autocommit database."""

    def __init__(self, session: Session) -> None:
        self._s = session

    async def create(self, draft: DelegationDraft, actor: int, head: int | None) -> int:
        """Insert a delegation, its first head and the 'registered' event, all or nothing."""
        now = utc_now_iso()
        try:
            async with self._s.atomic() as tx:
                delegation_id = await tx.insert(
                    """INSERT INTO delegations
                           (name, name_key, organisation, country, city, language,
                           timezone, interests, description, created_by, created_at, updated_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (
                        draft.name,
                        name_key(draft.name),
                        draft.organisation,
                        draft.country,
                        draft.city,
                        draft.language,
                        draft.timezone,
                        ",".join(draft.interests),
                        draft.description,
                        actor,
                        now,
                        now,
                    ),
                )
                if head is not None:
                    await _add_member(tx, delegation_id, head, "head")
                await _event(tx, delegation_id, actor, "registered")
        except sqlite3.IntegrityError as error:
            if "name_key" in str(error):
                raise DuplicateName(draft.name) from error
            raise
        forget_terms(self._s)  # its name is kept as written in translations from now on
        return delegation_id

    async def name_taken(self, name: str, except_id: int | None = None) -> bool:
        """Whether another delegation already uses this name."""
        found = await self._s.value(
            "SELECT id FROM delegations WHERE name_key = ? AND id IS NOT ?",
            (name_key(name), except_id),
        )
        return found is not None

    async def by_name(self, name: str) -> Delegation | None:
        """Look a delegation up by name, ignoring case and spaces."""
        row = await self._s.one("SELECT * FROM delegations WHERE name_key = ?", (name_key(name),))
        return None if row is None else _delegation(row)

    async def by_id(self, delegation_id: int) -> Delegation | None:
        """Look a delegation up by id."""
        row = await self._s.one("SELECT * FROM delegations WHERE id = ?", (delegation_id,))
        return None if row is None else _delegation(row)

    async def similar_names(self, text: str, limit: int = 3) -> list[str]:
        """Names containing what was typed, to suggest when a lookup fails."""
        rows = await self._s.all(
            "SELECT name FROM delegations WHERE instr(name_key, ?) > 0 ORDER BY name_key LIMIT ?",
            (name_key(text), limit),
        )
        return [row["name"] for row in rows]

    async def page(self, offset: int, limit: int) -> tuple[list[tuple[Delegation, int]], int]:
        """One page of delegations by name, with member counts, and the total."""
        async with self._s.reading() as tx:
            total = int(await tx.value("SELECT count(*) FROM delegations"))
            rows = await tx.all(
                """SELECT d.*, (SELECT count(*) FROM delegation_members m
                                WHERE m.delegation_id = d.id AND m.left_at IS NULL) AS members
                   FROM delegations d ORDER BY d.name_key LIMIT ? OFFSET ?""",
                (limit, offset),
            )
        return [(_delegation(row), int(row["members"])) for row in rows], total

    async def members(self, delegation_id: int) -> list[Member]:
        """Current members, heads first, then by joining time."""
        rows = await self._s.all(
            """SELECT m.user_id, u.first_name, u.username, m.role, m.joined_at
               FROM delegation_members m JOIN users u ON u.id = m.user_id
               WHERE m.delegation_id = ? AND m.left_at IS NULL
               ORDER BY m.role = 'member', m.joined_at, m.id""",
            (delegation_id,),
        )
        return [
            Member(r["user_id"], r["first_name"], r["username"], r["role"], r["joined_at"])
            for r in rows
        ]

    async def role_of(self, delegation_id: int, user_id: int) -> str | None:
        """'head', 'member', or None for someone outside the delegation."""
        role = await self._s.value(
            """SELECT role FROM delegation_members
               WHERE delegation_id = ? AND user_id = ? AND left_at IS NULL""",
            (delegation_id, user_id),
        )
        return None if role is None else str(role)

    async def of_user(self, user_id: int) -> list[tuple[Delegation, str]]:
        """The delegations someone belongs to now, with their role in each."""
        rows = await self._s.all(
            """SELECT d.*, m.role AS member_role FROM delegations d
               JOIN delegation_members m ON m.delegation_id = d.id
               WHERE m.user_id = ? AND m.left_at IS NULL ORDER BY d.name_key""",
            (user_id,),
        )
        return [(_delegation(row), str(row["member_role"])) for row in rows]

    async def of_chat(self, chat_id: int) -> list[Delegation]:
        """Delegations whose home chat this is."""
        rows = await self._s.all(
            "SELECT * FROM delegations WHERE home_chat_id = ? ORDER BY name_key", (chat_id,)
        )
        return [_delegation(row) for row in rows]

    async def update_field(
        self, delegation_id: int, field: str, value: str | list[str], actor: int
    ) -> None:
        """Change one field and record who changed it; a taken name raises DuplicateName."""
        columns = {
            "name": "name",
            "organisation": "organisation",
            "country": "country",
            "city": "city",
            "language": "language",
            "timezone": "timezone",
            "interests": "interests",
            "description": "description",
        }
        column = columns[field]
        stored = ",".join(value) if isinstance(value, list) else value
        try:
            async with self._s.atomic() as tx:
                await tx.execute(
                    f"UPDATE delegations SET {column} = ?, updated_at = ? WHERE id = ?",
                    (stored, utc_now_iso(), delegation_id),
                )
                if field == "name":
                    await tx.execute(
                        "UPDATE delegations SET name_key = ? WHERE id = ?",
                        (name_key(str(stored)), delegation_id),
                    )
                await _event(tx, delegation_id, actor, "edited", detail=field)
        except sqlite3.IntegrityError as error:
            if "name_key" in str(error):
                raise DuplicateName(str(stored)) from error
            raise
        if field == "name":
            forget_terms(self._s)

    async def request_to_join(
        self, delegation_id: int, user_id: int, chat_id: int | None
    ) -> tuple[Outcome, int | None]:
        """File a join request unless the person is in already or has one pending."""
        async with self._s.atomic() as tx:
            if await _current_role(tx, delegation_id, user_id):
                return Outcome.ALREADY_MEMBER, None
            pending = await tx.value(
                """SELECT id FROM join_requests
                   WHERE delegation_id = ? AND user_id = ? AND status = 'pending'""",
                (delegation_id, user_id),
            )
            if pending is not None:
                return Outcome.ALREADY_PENDING, int(pending)
            request_id = await tx.insert(
                """INSERT INTO join_requests (delegation_id, user_id, asked_in_chat, created_at)
                   VALUES (?, ?, ?, ?)""",
                (delegation_id, user_id, chat_id, utc_now_iso()),
            )
            await _event(tx, delegation_id, user_id, "asked_to_join", subject=user_id)
        return Outcome.OK, request_id

    async def join_request(self, request_id: int) -> JoinRequest | None:
        """A join request by id."""
        row = await self._s.one("SELECT * FROM join_requests WHERE id = ?", (request_id,))
        if row is None:
            return None
        return _join_request(row)

    async def pending_requests(self, delegation_id: int) -> list[JoinRequest]:
        """Join requests nobody has answered yet, oldest first."""
        rows = await self._s.all(
            """SELECT * FROM join_requests WHERE delegation_id = ? AND status = 'pending'
               ORDER BY id""",
            (delegation_id,),
        )
        return [_join_request(row) for row in rows]

    async def decide(self, request_id: int, approve: bool, actor: int) -> Outcome:
        """Approve (adding the member) or decline a pending request, exactly once."""
        status = "approved" if approve else "declined"
        async with self._s.atomic() as tx:
            changed = await tx.execute(
                """UPDATE join_requests SET status = ?, decided_by = ?, decided_at = ?
                   WHERE id = ? AND status = 'pending'""",
                (status, actor, utc_now_iso(), request_id),
            )
            if not changed:
                return Outcome.NOT_PENDING
            row = await tx.one(
                "SELECT delegation_id, user_id FROM join_requests WHERE id = ?", (request_id,)
            )
            assert row is not None
            if approve and not await _current_role(tx, row["delegation_id"], row["user_id"]):
                role = await _role_for_newcomer(tx, row["delegation_id"])
                await _add_member(tx, row["delegation_id"], row["user_id"], role)
            await _event(tx, row["delegation_id"], actor, status, subject=row["user_id"])
        return Outcome.OK

    async def leave(self, delegation_id: int, user_id: int) -> Outcome:
        """End someone's membership, keeping the row; the last head cannot leave."""
        async with self._s.atomic() as tx:
            role = await _current_role(tx, delegation_id, user_id)
            if role is None:
                return Outcome.NOT_MEMBER
            if role == "head" and await _heads(tx, delegation_id) == 1:
                return Outcome.LAST_HEAD
            await tx.execute(
                """UPDATE delegation_members SET left_at = ?
                   WHERE delegation_id = ? AND user_id = ? AND left_at IS NULL""",
                (utc_now_iso(), delegation_id, user_id),
            )
            await _event(tx, delegation_id, user_id, "left", subject=user_id)
        return Outcome.OK

    async def set_role(self, delegation_id: int, user_id: int, role: str, actor: int) -> Outcome:
        """Promote to head or demote to member; a delegation keeps at least one head."""
        async with self._s.atomic() as tx:
            current = await _current_role(tx, delegation_id, user_id)
            if current is None:
                return Outcome.NOT_MEMBER
            if current == role:
                return Outcome.UNCHANGED
            if current == "head" and await _heads(tx, delegation_id) == 1:
                return Outcome.LAST_HEAD
            await tx.execute(
                """UPDATE delegation_members SET role = ?
                   WHERE delegation_id = ? AND user_id = ? AND left_at IS NULL""",
                (role, delegation_id, user_id),
            )
            action = "promoted" if role == "head" else "demoted"
            await _event(tx, delegation_id, actor, action, subject=user_id)
        return Outcome.OK

    async def create_invite(
        self, delegation_id: int, actor: int, token: str, expires: datetime
    ) -> None:
        """Store a deep-link token for the delegation."""
        async with self._s.atomic() as tx:
            await tx.execute(
                """INSERT INTO invites (token, delegation_id, created_by, created_at, expires_at)
                   VALUES (?, ?, ?, ?, ?)""",
                (token, delegation_id, actor, utc_now_iso(), to_iso(expires)),
            )
            await _event(tx, delegation_id, actor, "invited")

    async def use_invite(
        self, token: str, user_id: int, now: datetime
    ) -> tuple[Outcome, int | None]:
        """Join through a deep link: (outcome, delegation id); unknown tokens: (EXPIRED, None)."""
        async with self._s.atomic() as tx:
            row = await tx.one("SELECT * FROM invites WHERE token = ?", (token,))
            if row is None:
                return Outcome.EXPIRED, None
            delegation_id = int(row["delegation_id"])
            if row["expires_at"] < to_iso(now):
                return Outcome.EXPIRED, delegation_id
            if await _current_role(tx, delegation_id, user_id):
                return Outcome.ALREADY_MEMBER, delegation_id
            await _add_member(
                tx, delegation_id, user_id, await _role_for_newcomer(tx, delegation_id)
            )
            await _event(tx, delegation_id, user_id, "joined_by_invite", subject=user_id)
        return Outcome.OK, delegation_id

    async def link_chat(self, delegation_id: int, chat_id: int, actor: int) -> None:
        """Make a group the delegation's home chat."""
        async with self._s.atomic() as tx:
            await tx.execute(
                "UPDATE delegations SET home_chat_id = ?, updated_at = ? WHERE id = ?",
                (chat_id, utc_now_iso(), delegation_id),
            )
            await _event(tx, delegation_id, actor, "linked_chat", detail=str(chat_id))
