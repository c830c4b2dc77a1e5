"""Joint projects, their partners, supporters, and the history of who decided what."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from bot.projects.models import Answer, Event, Filters, Moved, Partner, Project
from bot.projects.rules import ProjectDraft
from bot.projects.stages import PROPOSED, is_legal
from storage.chat_translation import forget_terms
from storage.database import Row, Session, Tx
from storage.timestamps import to_iso


def _project(row: Row) -> Project:
    minor = row["amount_minor"]
    return Project(
        id=row["id"],
        title=row["title"],
        summary=row["summary"],
        areas=tuple(code for code in row["areas"].split(",") if code),
        lead_id=row["lead_id"],
        stage=row["stage"],
        amount=None if minor is None else Decimal(minor) / 100,
        currency=row["currency"],
        target_date=row["target_date"],
        proposed_by=row["proposed_by"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


async def _event(
    tx: Tx,
    project_id: int,
    actor: int,
    action: str,
    now: datetime,
    *,
    delegation_id: int | None = None,
    from_stage: str | None = None,
    to_stage: str | None = None,
    reason: str = "",
) -> None:
    await tx.execute(
        """INSERT INTO project_events
               (project_id, actor_id, action, delegation_id, from_stage, to_stage, reason, at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        (project_id, actor, action, delegation_id, from_stage, to_stage, reason, to_iso(now)),
    )


_FILTER_SQL = """
    FROM projects p
    WHERE (:area IS NULL OR instr(',' || p.areas || ',', ',' || :area || ',') > 0)
      AND (:stage IS NULL OR p.stage = :stage)
      AND (:delegation IS NULL OR p.lead_id = :delegation OR EXISTS (
              SELECT 1 FROM project_partners pp
              WHERE pp.project_id = p.id AND pp.delegation_id = :delegation))
      AND (:user IS NULL OR p.proposed_by = :user
           OR p.lead_id IN (SELECT delegation_id FROM delegation_members
                            WHERE user_id = :user AND left_at IS NULL)
           OR EXISTS (SELECT 1 FROM project_partners pp
                      JOIN delegation_members m ON m.delegation_id = pp.delegation_id
                      WHERE pp.project_id = p.id AND m.user_id = :user AND m.left_at IS NULL))
"""


class SqliteProjects:
    """The projects repository, over a transaction or the autocommit database."""

    def __init__(self, session: Session) -> None:
        self._s = session

    async def create(
        self, draft: ProjectDraft, proposer: int, chat_id: int | None, now: datetime
    ) -> int:
        """Insert the project, its invitations and their history rows, all or nothing."""
        assert draft.lead_id is not None
        stamp = to_iso(now)
        minor = None if draft.amount is None else int(draft.amount * 100)
        async with self._s.atomic() as tx:
            project_id = await tx.insert(
                """INSERT INTO projects (title, summary, areas, lead_id, amount_minor, currency,
                       target_date, proposed_by, proposed_in, created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    draft.title,
                    draft.summary,
                    ",".join(draft.areas),
                    draft.lead_id,
                    minor,
                    draft.currency if minor is not None else None,
                    draft.target_date.isoformat() if draft.target_date else None,
                    proposer,
                    chat_id,
                    stamp,
                    stamp,
                ),
            )
            await _event(tx, project_id, proposer, "proposed", now, to_stage=PROPOSED)
            for delegation_id in draft.partner_ids:
                await tx.execute(
                    """INSERT INTO project_partners (project_id, delegation_id, invited_at)
                       VALUES (?, ?, ?)""",
                    (project_id, delegation_id, stamp),
                )
                await _event(tx, project_id, proposer, "invited", now, delegation_id=delegation_id)
        forget_terms(self._s)  # its title is kept as written in translations from now on
        return project_id

    async def get(self, project_id: int) -> Project | None:
        """A project by id."""
        row = await self._s.one("SELECT * FROM projects WHERE id = ?", (project_id,))
        return None if row is None else _project(row)

    async def partners(self, project_id: int) -> list[Partner]:
        """Invited delegations in the order they were invited."""
        rows = await self._s.all(
            """SELECT p.delegation_id, d.name, d.country, d.home_chat_id, p.status,
                      p.answered_by, p.answered_at
               FROM project_partners p JOIN delegations d ON d.id = p.delegation_id
               WHERE p.project_id = ? ORDER BY p.rowid""",
            (project_id,),
        )
        return [
            Partner(
                r["delegation_id"],
                r["name"],
                r["country"],
                r["home_chat_id"],
                r["status"],
                r["answered_by"],
                r["answered_at"],
            )
            for r in rows
        ]

    async def answer(
        self, project_id: int, delegation_id: int, accept: bool, actor: int, now: datetime
    ) -> Answer:
        """Record a partner's Accept or Decline once, with its history row."""
        status = "accepted" if accept else "declined"
        async with self._s.atomic() as tx:
            current = await tx.value(
                "SELECT status FROM project_partners WHERE project_id = ? AND delegation_id = ?",
                (project_id, delegation_id),
            )
            if current is None:
                return Answer.NOT_INVITED
            if current != "invited":
                return Answer.ALREADY_ANSWERED
            await tx.execute(
                """UPDATE project_partners SET status = ?, answered_by = ?, answered_at = ?
                   WHERE project_id = ? AND delegation_id = ? AND status = 'invited'""",
                (status, actor, to_iso(now), project_id, delegation_id),
            )
            await tx.execute(
                "UPDATE projects SET updated_at = ? WHERE id = ?", (to_iso(now), project_id)
            )
            await _event(tx, project_id, actor, status, now, delegation_id=delegation_id)
        return Answer.OK

    async def move(
        self, project_id: int, target: str, actor: int, reason: str, now: datetime
    ) -> Moved:
        """Change the stage if the rules allow it from the stage found inside the transaction."""
        async with self._s.atomic() as tx:
            current = await tx.value("SELECT stage FROM projects WHERE id = ?", (project_id,))
            if current is None:
                return Moved(False, None)
            if not is_legal(str(current), target):
                return Moved(False, str(current))
            await tx.execute(
                "UPDATE projects SET stage = ?, updated_at = ? WHERE id = ? AND stage = ?",
                (target, to_iso(now), project_id, current),
            )
            await _event(
                tx,
                project_id,
                actor,
                "stage",
                now,
                from_stage=current,
                to_stage=target,
                reason=reason,
            )
        return Moved(True, str(current))

    async def support(
        self, project_id: int, user_id: int, delegation_id: int, now: datetime
    ) -> bool:
        """Endorse once; False if this person already did."""
        async with self._s.atomic() as tx:
            changed = await tx.execute(
                """INSERT INTO project_supports (project_id, user_id, delegation_id, at)
                   VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                (project_id, user_id, delegation_id, to_iso(now)),
            )
        return changed > 0

    async def has_supported(self, project_id: int, user_id: int) -> bool:
        """Whether this person already endorsed the project."""
        found = await self._s.value(
            "SELECT 1 FROM project_supports WHERE project_id = ? AND user_id = ?",
            (project_id, user_id),
        )
        return found is not None

    async def supporters(self, project_id: int) -> list[tuple[str, int]]:
        """(delegation name, supporters) for the project, most supporters first."""
        rows = await self._s.all(
            """SELECT d.name, count(*) AS n FROM project_supports s
               JOIN delegations d ON d.id = s.delegation_id
               WHERE s.project_id = ? GROUP BY d.id ORDER BY n DESC, d.name_key""",
            (project_id,),
        )
        return [(row["name"], int(row["n"])) for row in rows]

    async def events(self, project_id: int, last: int | None = None) -> list[Event]:
        """The history oldest first; with `last`, only that many most recent rows."""
        rows = await self._s.all(
            """SELECT * FROM (
                   SELECT e.id, e.actor_id, u.first_name, u.username, e.action,
                          d.name AS delegation,
                          e.from_stage, e.to_stage, e.reason, e.at
                   FROM project_events e
                   LEFT JOIN users u ON u.id = e.actor_id
                   LEFT JOIN delegations d ON d.id = e.delegation_id
                   WHERE e.project_id = ? ORDER BY e.id DESC LIMIT ?)
               ORDER BY id""",
            (project_id, -1 if last is None else last),
        )
        return [
            Event(
                r["id"],
                r["actor_id"],
                r["first_name"],
                r["username"],
                r["action"],
                r["delegation"],
                r["from_stage"],
                r["to_stage"],
                r["reason"],
                r["at"],
            )
            for r in rows
        ]

    async def search(self, filters: Filters, offset: int, limit: int) -> tuple[list[Project], int]:
        """One page of projects matching the filters, newest first, and how many match in all."""
        params: dict[str, Any] = {
            "area": filters.area,
            "stage": filters.stage,
            "delegation": filters.delegation_id,
            "user": filters.mine_user_id,
        }
        async with self._s.reading() as tx:
            total = int(await tx.value("SELECT count(*) " + _FILTER_SQL, params))
            rows = await tx.all(
                "SELECT p.* " + _FILTER_SQL + " ORDER BY p.id DESC LIMIT :limit OFFSET :offset",
                {**params, "limit": limit, "offset": offset},
            )
        return [_project(row) for row in rows], total

    async def every(self, delegation_ids: list[int] | None = None) -> list[Project]:
        """All projects by id, or those led by or partnering one of `delegation_ids`."""
        rows = await self._s.all("SELECT * FROM projects ORDER BY id")
        found = [_project(row) for row in rows]
        if delegation_ids is None:
            return found
        wanted = set(delegation_ids)
        involved = await self._s.all("SELECT project_id, delegation_id FROM project_partners")
        partnered = {row["project_id"] for row in involved if row["delegation_id"] in wanted}
        return [p for p in found if p.lead_id in wanted or p.id in partnered]

    async def all_partners(self) -> dict[int, list[Partner]]:
        """Every project's partners, for exports and suggestions."""
        rows = await self._s.all(
            """SELECT p.project_id, p.delegation_id, d.name, d.country, d.home_chat_id, p.status,
                      p.answered_by, p.answered_at
               FROM project_partners p JOIN delegations d ON d.id = p.delegation_id
               ORDER BY p.project_id, p.rowid"""
        )
        found: dict[int, list[Partner]] = {}
        for r in rows:
            found.setdefault(r["project_id"], []).append(
                Partner(
                    r["delegation_id"],
                    r["name"],
                    r["country"],
                    r["home_chat_id"],
                    r["status"],
                    r["answered_by"],
                    r["answered_at"],
                )
            )
        return found

    async def support_counts(self) -> dict[int, int]:
        """Supporters per project."""
        rows = await self._s.all(
            "SELECT project_id, count(*) AS n FROM project_supports GROUP BY project_id"
        )
        return {row["project_id"]: int(row["n"]) for row in rows}
