"""What the feature is made of, as the core sees it: plain data, no storage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Reminder:
    """One planned reminder."""

    id: int
    meeting_id: int
    chat_id: int
    user_id: int | None
    offset: int
    due_at: datetime


@dataclass(frozen=True)
class Meeting:
    """A meeting as stored."""

    id: int
    title: str
    starts_at: datetime
    duration: int
    timezone: str
    place: str
    agenda: str
    project_id: int | None
    organiser_id: int
    status: str
    sequence: int
    cancel_reason: str
    delegation_ids: tuple[int, ...]

    @property
    def ends_at(self) -> datetime:
        """When it is over."""
        return self.starts_at + timedelta(minutes=self.duration)

    @property
    def cancelled(self) -> bool:
        """Whether it was called off."""
        return self.status == "cancelled"


@dataclass(frozen=True)
class Answer:
    """One person's RSVP."""

    user_id: int
    first_name: str
    delegation_id: int | None
    answer: str


@dataclass(frozen=True)
class Card:
    """A posted card: the message that shows the RSVP counts and buttons."""

    chat_id: int
    message_id: int
    compact: bool  # True: the message holds only the counts (the card was too long for one)
