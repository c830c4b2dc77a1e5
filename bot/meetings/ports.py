"""What the feature needs from storage: the repositories a unit of work holds."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.meetings.models import Answer, Card, Meeting, Reminder
from bot.meetings.rules import MeetingDraft
from bot.projects.ports import ProjectsUnit


class MeetingRepository(Protocol):
    """The meetings repository."""

    async def create(
        self, draft: MeetingDraft, organiser: int, origin_chat: int | None, now: datetime
    ) -> int:
        """Insert a meeting and its delegations inside the caller's transaction."""
        ...

    async def get(self, meeting_id: int) -> Meeting | None:
        """One meeting with its delegations."""
        ...

    async def get_in(self, meeting_id: int) -> Meeting | None:
        """One meeting, inside a transaction."""
        ...

    async def reschedule(
        self, meeting_id: int, starts_at: datetime, zone: str, sequence: int, now: datetime
    ) -> bool:
        """Move a scheduled meeting (if nobody moved it meanwhile), raise SEQUENCE, clear RSVPs."""
        ...

    async def cancel(self, meeting_id: int, reason: str, now: datetime) -> bool:
        """Call a scheduled meeting off; SEQUENCE rises so calendars take the cancellation."""
        ...

    async def overlapping(
        self,
        delegation_ids: list[int],
        starts_at: datetime,
        ends_at: datetime,
        except_id: int | None = None,
    ) -> list[Meeting]:
        """Scheduled meetings of these delegations that overlap [starts_at, ends_at)."""
        ...

    async def upcoming(
        self, delegation_ids: list[int], since: datetime, until: datetime | None, limit: int
    ) -> list[Meeting]:
        """Scheduled meetings of any of these delegations that end after `since`, soonest first."""
        ...

    async def set_answer_in(
        self, meeting_id: int, user_id: int, delegation_id: int | None, answer: str, now: datetime
    ) -> None:
        """Record or change one person's RSVP inside the caller's transaction."""
        ...

    async def answers(self, meeting_id: int) -> list[Answer]:
        """Every RSVP of a meeting, in the order people answered."""
        ...

    async def add_card(
        self, meeting_id: int, chat_id: int, message_id: int, seq: int, compact: bool = False
    ) -> None:
        """Remember a posted card so later RSVPs update it; it replaces the chat's older card."""
        ...

    async def cards(self, meeting_id: int, seq: int) -> list[Card]:
        """The live cards (one per chat) that show this version of the meeting."""
        ...

    async def project_title(self, project_id: int) -> str | None:
        """The title of a joint project, or None when there is no such project."""
        ...

    async def may_see(self, meeting_id: int, user_id: int | None, chat_id: int) -> bool:
        """Whether a meeting concerns this person or chat: the organiser, a member of a"""
        ...

    async def busy(
        self, delegation_ids: list[int], since: datetime, until: datetime
    ) -> list[tuple[datetime, datetime]]:
        """(start, end) of these delegations' scheduled meetings between two instants."""
        ...

    async def project_stage_changes(
        self, delegation_ids: list[int], since: datetime, until: datetime
    ) -> list[tuple[int, str, str, str]]:
        """(project id, title, from, to stage) of the delegations' projects in [since, until)."""
        ...


class ReminderRepository(Protocol):
    """The reminders repository."""

    async def chat_offsets(self, chat_id: int) -> tuple[int, ...]:
        """The chat's reminder offsets in minutes (default 24 h and 1 h)."""
        ...

    async def plan_chat(
        self, meeting_id: int, chat_id: int, starts_at: datetime, now: datetime
    ) -> int:
        """Insert the chat's reminders for a meeting that are still ahead; return how many."""
        ...

    async def plan_private(
        self, meeting_id: int, user_id: int, starts_at: datetime, now: datetime
    ) -> bool:
        """The private reminder of someone Going who asked for it (their chat must be known)."""
        ...

    async def void_private(self, meeting_id: int, user_id: int, now: datetime) -> None:
        """Drop someone's unsent private reminder (they are no longer Going)."""
        ...

    async def void_meeting(self, meeting_id: int, reason: str, now: datetime) -> int:
        """End every unsent reminder of a meeting (moved or cancelled)."""
        ...

    async def replan_chat(self, chat_id: int, now: datetime) -> int:
        """After the chat's offsets changed: void its unsent reminders, plan them anew."""
        ...

    async def next_due(self) -> datetime | None:
        """The earliest moment a pending reminder is ready (one indexed lookup)."""
        ...

    async def due(self, now: datetime, limit: int, skip: set[int]) -> list[Reminder]:
        """A batch of unclaimed reminders ready by `now`, oldest first, leaving out `skip`."""
        ...

    async def claim(self, reminder_id: int, now: datetime) -> bool:
        """Take a reminder for sending; False when another dispatcher (or an earlier run) has it."""
        ...

    async def mark_sent(self, reminder_id: int, now: datetime, delayed: bool) -> None:
        """The message went out."""
        ...

    async def void(self, reminder_id: int, now: datetime, reason: str) -> None:
        """The reminder will never be sent (logged by the caller); an earlier void is kept."""
        ...

    async def release(self, reminder_id: int, error: str, retry_at: datetime) -> bool:
        """A send failed for a passing reason: unclaim it, to be tried again at `retry_at`."""
        ...

    async def release_stale_claims(self) -> int:
        """At start: claims left by a process that died mid-send are released, so none is lost."""
        ...

    async def set_offsets(self, chat_id: int, offsets: tuple[int, ...]) -> None:
        """Store the chat's reminder offsets."""
        ...

    async def get_offsets(self, chat_id: int) -> tuple[int, ...]:
        """The chat's reminder offsets."""
        ...

    async def set_digest(self, chat_id: int, setting: str) -> None:
        """Store 'off' or e.g. 'tue 10:00'."""
        ...

    async def get_digest(self, chat_id: int) -> str | None:
        """The stored digest setting (NULL: the default)."""
        ...

    async def digest_chats(self) -> list[tuple[int, str | None, str | None]]:
        """(chat, digest setting, last slot sent) of every active home chat of a delegation."""
        ...

    async def claim_digest(self, chat_id: int, slot: datetime) -> bool:
        """Take one weekly slot of a chat's digest; False if it was sent or taken already."""
        ...

    async def digest_sent(self, chat_id: int, slot: datetime) -> None:
        """The slot's digest was posted."""
        ...

    async def release_digest(self, chat_id: int, slot: datetime) -> None:
        """Posting the slot's digest failed: let a later sweep try it again (while it is fresh)."""
        ...

    async def replan_delegation(self, delegation_id: int, now: datetime) -> list[int]:
        """A delegation's home chat changed: plan its upcoming meetings' reminders there."""
        ...

    async def set_optin(self, user_id: int, enabled: bool, now: datetime) -> int:
        """Turn private reminders on or off; plans or voids them for current Going answers."""
        ...

    async def optin(self, user_id: int) -> bool:
        """Whether someone asked for private reminders."""
        ...

    async def attempts(self, reminder_id: int) -> int:
        """How many times a reminder was claimed for sending."""
        ...


class MeetingsUnit(ProjectsUnit, Protocol):
    """The repositories the meetings feature's services work with, in one transaction."""

    @property
    def meetings(self) -> MeetingRepository:
        """Meetings, answers and posted cards."""
        ...

    @property
    def reminders(self) -> ReminderRepository:
        """The reminder outbox and the chat settings it is planned from."""
        ...
