"""Meetings, their delegations, RSVPs and posted cards; every time is UTC ISO text."""

from __future__ import annotations

from datetime import datetime

from bot.meetings.models import Answer, Card, Meeting
from bot.meetings.rules import MeetingDraft
from storage.database import Row, Session
from storage.timestamps import to_iso


def _meeting(row: Row, delegation_ids: tuple[int, ...]) -> Meeting:
    return Meeting(
        id=row["id"],
        title=row["title"],
        starts_at=datetime.fromisoformat(row["starts_at"]),
        duration=row["duration_min"],
        timezone=row["timezone"],
        place=row["place"],
        agenda=row["agenda"],
        project_id=row["project_id"],
        organiser_id=row["organiser_id"],
        status=row["status"],
        sequence=row["sequence"],
        cancel_reason=row["cancel_reason"],
        delegation_ids=delegation_ids,
    )


async def _load(tx: Session, rows: list[Row]) -> list[Meeting]:
    found = []
    for row in rows:
        ids = await tx.all(
            "SELECT delegation_id FROM meeting_delegations WHERE meeting_id = ? "
            "ORDER BY delegation_id",
            (row["id"],),
        )
        found.append(_meeting(row, tuple(int(r[0]) for r in ids)))
    return found


class SqliteMeetings:
    """The meetings repository, over a transaction or the autocommit database."""

    def __init__(self, session: Session) -> None:
        self._s = session

    async def create(
        self, draft: MeetingDraft, organiser: int, origin_chat: int | None, now: datetime
    ) -> int:
        """Insert a meeting and its delegations inside the caller's transaction."""
        assert draft.starts_at is not None
        meeting_id = await self._s.insert(
            """INSERT INTO meetings (title, starts_at, duration_min, timezone, place, agenda,
                   project_id, organiser_id, origin_chat_id, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                draft.title,
                to_iso(draft.starts_at),
                draft.duration,
                draft.zone,
                draft.place,
                draft.agenda,
                draft.project_id,
                organiser,
                origin_chat,
                to_iso(now),
                to_iso(now),
            ),
        )
        for delegation_id in dict.fromkeys(draft.delegation_ids):
            await self._s.execute(
                "INSERT INTO meeting_delegations (meeting_id, delegation_id) VALUES (?, ?)",
                (meeting_id, delegation_id),
            )
        return meeting_id

    async def get(self, meeting_id: int) -> Meeting | None:
        """One meeting with its delegations."""
        async with self._s.reading() as tx:
            return await SqliteMeetings(tx).get_in(meeting_id)

    async def get_in(self, meeting_id: int) -> Meeting | None:
        """One meeting, inside a transaction."""
        row = await self._s.one("SELECT * FROM meetings WHERE id = ?", (meeting_id,))
        if row is None:
            return None
        return (await _load(self._s, [row]))[0]

    async def reschedule(
        self, meeting_id: int, starts_at: datetime, zone: str, sequence: int, now: datetime
    ) -> bool:
        """Move a scheduled meeting (if nobody moved it meanwhile), raise SEQUENCE, clear RSVPs."""
        changed = await self._s.execute(
            """UPDATE meetings SET starts_at = ?, timezone = ?, sequence = sequence + 1,
                   updated_at = ?
               WHERE id = ? AND status = 'scheduled' AND sequence = ?""",
            (to_iso(starts_at), zone, to_iso(now), meeting_id, sequence),
        )
        if changed:
            await self._s.execute("DELETE FROM meeting_rsvps WHERE meeting_id = ?", (meeting_id,))
        return changed == 1

    async def cancel(self, meeting_id: int, reason: str, now: datetime) -> bool:
        """Call a scheduled meeting off; SEQUENCE rises so calendars take the cancellation."""
        changed = await self._s.execute(
            """UPDATE meetings SET status = 'cancelled', cancel_reason = ?,
                   sequence = sequence + 1, updated_at = ?
               WHERE id = ? AND status = 'scheduled'""",
            (reason, to_iso(now), meeting_id),
        )
        return changed == 1

    async def overlapping(
        self,
        delegation_ids: list[int],
        starts_at: datetime,
        ends_at: datetime,
        except_id: int | None = None,
    ) -> list[Meeting]:
        """Scheduled meetings of these delegations that overlap [starts_at, ends_at)."""
        if not delegation_ids:
            return []
        marks = ",".join("?" for _ in delegation_ids)
        async with self._s.reading() as tx:
            rows = await tx.all(
                f"""SELECT DISTINCT m.* FROM meetings m
                    JOIN meeting_delegations md ON md.meeting_id = m.id
                    WHERE md.delegation_id IN ({marks}) AND m.status = 'scheduled'
                      AND m.id IS NOT ?
                      AND m.starts_at < ?
                      AND datetime(m.starts_at, '+' || m.duration_min || ' minutes')
                          > datetime(?)
                    ORDER BY m.starts_at""",
                (*delegation_ids, except_id, to_iso(ends_at), to_iso(starts_at)),
            )
            return await _load(tx, rows)

    async def upcoming(
        self, delegation_ids: list[int], since: datetime, until: datetime | None, limit: int
    ) -> list[Meeting]:
        """Scheduled meetings of any of these delegations that end after `since`, soonest first."""
        if not delegation_ids:
            return []
        marks = ",".join("?" for _ in delegation_ids)
        async with self._s.reading() as tx:
            rows = await tx.all(
                f"""SELECT DISTINCT m.* FROM meetings m
                    JOIN meeting_delegations md ON md.meeting_id = m.id
                    WHERE md.delegation_id IN ({marks}) AND m.status = 'scheduled'
                      AND datetime(m.starts_at, '+' || m.duration_min || ' minutes')
                          > datetime(?)
                      AND (? IS NULL OR m.starts_at < ?)
                    ORDER BY m.starts_at, m.id LIMIT ?""",
                (
                    *delegation_ids,
                    to_iso(since),
                    None if until is None else to_iso(until),
                    None if until is None else to_iso(until),
                    limit,
                ),
            )
            return await _load(tx, rows)

    async def set_answer_in(
        self, meeting_id: int, user_id: int, delegation_id: int | None, answer: str, now: datetime
    ) -> None:
        """Record or change one person's RSVP inside the caller's transaction."""
        await self._s.execute(
            """INSERT INTO meeting_rsvps (meeting_id, user_id, delegation_id, answer, answered_at)
               VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (meeting_id, user_id) DO UPDATE SET answer = excluded.answer,
                   delegation_id = excluded.delegation_id, answered_at = excluded.answered_at""",
            (meeting_id, user_id, delegation_id, answer, to_iso(now)),
        )

    async def answers(self, meeting_id: int) -> list[Answer]:
        """Every RSVP of a meeting, in the order people answered."""
        rows = await self._s.all(
            """SELECT r.user_id, u.first_name, r.delegation_id, r.answer FROM meeting_rsvps r
               JOIN users u ON u.id = r.user_id WHERE r.meeting_id = ?
               ORDER BY r.answered_at, r.user_id""",
            (meeting_id,),
        )
        return [
            Answer(r["user_id"], r["first_name"], r["delegation_id"], r["answer"]) for r in rows
        ]

    async def add_card(
        self, meeting_id: int, chat_id: int, message_id: int, seq: int, compact: bool = False
    ) -> None:
        """Remember a posted card so later RSVPs update it; it replaces the chat's older card."""
        async with self._s.atomic() as tx:
            await tx.execute(
                "DELETE FROM meeting_cards WHERE meeting_id = ? AND chat_id = ?",
                (meeting_id, chat_id),
            )
            await tx.execute(
                """INSERT OR REPLACE INTO meeting_cards
                       (meeting_id, chat_id, message_id, sequence, compact)
                   VALUES (?, ?, ?, ?, ?)""",
                (meeting_id, chat_id, message_id, seq, int(compact)),
            )

    async def cards(self, meeting_id: int, seq: int) -> list[Card]:
        """The live cards (one per chat) that show this version of the meeting."""
        rows = await self._s.all(
            """SELECT chat_id, message_id, compact FROM meeting_cards
               WHERE meeting_id = ? AND sequence = ? ORDER BY chat_id""",
            (meeting_id, seq),
        )
        return [Card(int(r[0]), int(r[1]), bool(r[2])) for r in rows]

    async def project_title(self, project_id: int) -> str | None:
        """The title of a joint project, or None when there is no such project."""
        value = await self._s.value("SELECT title FROM projects WHERE id = ?", (project_id,))
        return None if value is None else str(value)

    async def may_see(self, meeting_id: int, user_id: int | None, chat_id: int) -> bool:
        """Whether a meeting concerns this person or chat: the organiser, a member of a
        participating delegation, or (asked in a group) a participating delegation's home chat."""
        value = await self._s.value(
            """SELECT 1 FROM meetings m WHERE m.id = ? AND (
                   m.organiser_id IS ?
                   OR EXISTS (SELECT 1 FROM meeting_delegations md
                              JOIN delegations d ON d.id = md.delegation_id
                              WHERE md.meeting_id = m.id AND d.home_chat_id = ?)
                   OR EXISTS (SELECT 1 FROM meeting_delegations md
                              JOIN delegation_members dm ON dm.delegation_id = md.delegation_id
                              WHERE md.meeting_id = m.id AND dm.user_id IS ?
                                AND dm.left_at IS NULL))""",
            (meeting_id, user_id, chat_id, user_id),
        )
        return value is not None

    async def busy(
        self, delegation_ids: list[int], since: datetime, until: datetime
    ) -> list[tuple[datetime, datetime]]:
        """(start, end) of these delegations' scheduled meetings between two instants."""
        return [
            (meeting.starts_at, meeting.ends_at)
            for meeting in await self.upcoming(delegation_ids, since, until, limit=10_000)
        ]

    async def project_stage_changes(
        self, delegation_ids: list[int], since: datetime, until: datetime
    ) -> list[tuple[int, str, str, str]]:
        """(project id, title, from, to stage) of the delegations' projects in [since, until)."""
        if not delegation_ids:
            return []
        marks = ",".join("?" * len(delegation_ids))
        rows = await self._s.all(
            f"""SELECT e.project_id, p.title, e.from_stage, e.to_stage FROM project_events e
                JOIN projects p ON p.id = e.project_id
                WHERE e.action = 'stage' AND e.at >= ? AND e.at < ?
                  AND (p.lead_id IN ({marks}) OR p.id IN (
                       SELECT project_id FROM project_partners WHERE delegation_id IN ({marks})))
                ORDER BY e.id""",
            (to_iso(since), to_iso(until), *delegation_ids, *delegation_ids),
        )
        return [(int(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in rows]
