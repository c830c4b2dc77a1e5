"""The meetings feature's use cases: one function per user intent, owning its transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.common.store import Store
from bot.meetings.models import Meeting
from bot.meetings.ports import MeetingsUnit


class RsvpAnswer(StrEnum):
    """The answers an RSVP button can carry."""

    GOING = "going"
    MAYBE = "maybe"
    NO = "no"


class RsvpRefusal(StrEnum):
    """Why an RSVP was not recorded."""

    UNKNOWN = "unknown"
    CANCELLED = "cancelled"
    MOVED = "moved"
    OVER = "over"
    NOT_MEMBER = "not_member"


@dataclass(frozen=True)
class RsvpOutcome:
    """What an RSVP press did: the recorded answer, or why it was refused."""

    answer: RsvpAnswer | None
    refusal: RsvpRefusal | None = None
    meeting: Meeting | None = None  # as it was answered, for refreshing its cards


async def answer_rsvp(
    store: Store[MeetingsUnit],
    meeting_id: int,
    user_id: int,
    answer: str,
    now: datetime,
    sequence: int | None = None,
) -> RsvpOutcome:
    """Record an RSVP and plan or void the private reminder in the same transaction."""
    try:
        chosen = RsvpAnswer(answer)
    except ValueError:
        return RsvpOutcome(None, RsvpRefusal.UNKNOWN)
    async with store.write() as uow:
        meeting = await uow.meetings.get_in(meeting_id)
        if meeting is None:
            return RsvpOutcome(None, RsvpRefusal.UNKNOWN)
        if meeting.cancelled:
            return RsvpOutcome(None, RsvpRefusal.CANCELLED)
        if sequence is not None and meeting.sequence != sequence:
            return RsvpOutcome(None, RsvpRefusal.MOVED)
        if meeting.starts_at + timedelta(minutes=meeting.duration) <= now:
            return RsvpOutcome(None, RsvpRefusal.OVER)
        own = [d.id for d, _ in await uow.delegations.of_user(user_id)]
        mine = [i for i in meeting.delegation_ids if i in own]
        if not mine:
            return RsvpOutcome(None, RsvpRefusal.NOT_MEMBER)
        await uow.meetings.set_answer_in(meeting.id, user_id, mine[0], chosen, now)
        if chosen is RsvpAnswer.GOING and await uow.reminders.optin(user_id):
            await uow.reminders.plan_private(meeting.id, user_id, meeting.starts_at, now)
        elif chosen is not RsvpAnswer.GOING:
            await uow.reminders.void_private(meeting.id, user_id, now)
    return RsvpOutcome(chosen, meeting=meeting)
