"""The reminder dispatcher: one timer for the next due row, a sweep, and claimed sends."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import Any

from telegram import Message
from telegram.ext import CallbackContext

from bot.common.i18n import translator
from bot.common.languages import resolve_language
from bot.meetings.models import Reminder
from bot.meetings.render import reminder_text
from handlers.common.delivery import Failure, deliver
from handlers.meetings.common import chat_settings, meeting_places
from handlers.meetings.digests import send_due_digests
from storage.database import Database
from storage.unit_of_work import repositories

log = logging.getLogger(__name__)
TIMER_JOB = "meeting-reminders-next"
SWEEP_JOB = "meeting-reminders-sweep"
SWEEP_SECONDS = 60
BATCH = 50
LATE_AFTER = timedelta(minutes=2)  # sent later than this after due → marked as delayed
# A send that failed for a passing reason (flood limit, network, Telegram's 5xx) is tried
# again after a growing pause: 30 s, 1 min, 2 min … at most 15 min, never sooner than
# Telegram's retry_after. It is given up only when the meeting has started.
RETRY_FIRST = timedelta(seconds=30)
RETRY_LONGEST = timedelta(minutes=15)


def retry_delay(attempts: int, retry_after: timedelta = timedelta(0)) -> timedelta:
    """The pause before the next try, after `attempts` tries (exponential, capped)."""
    backoff: timedelta = RETRY_FIRST * 2 ** min(max(attempts - 1, 0), 10)
    return max(min(backoff, RETRY_LONGEST), retry_after)


def _lock(app: Any) -> asyncio.Lock:
    """One dispatcher at a time per application (timer, sweep and tests may overlap)."""
    lock: asyncio.Lock = app.bot_data.reminder_lock
    return lock


async def dispatch_due(app: Any) -> int:
    """Send every reminder ready by the clock's now, each claimed first; return how many went.

    Delivery is at least once, and in practice exactly once: the claim (a conditional UPDATE)
    keeps two dispatchers or two processes from sending the same row, and `sent_at` is
    written right after Telegram accepted the message. Only a crash in between (after
    Telegram's answer, before the UPDATE) leaves a claimed, unsent row that the next start
    releases and sends again: a rare duplicate is preferred to a lost reminder.
    """
    db: Database = app.bot_data.db
    sent = 0
    async with _lock(app):
        tried: set[int] = set()
        while True:
            now = app.bot_data.clock.now()
            batch = await repositories(db).reminders.due(now, BATCH, tried)
            if not batch:
                break
            for reminder in batch:
                tried.add(reminder.id)
                if not await repositories(db).reminders.claim(reminder.id, now):
                    continue
                try:
                    sent += await _deliver(app, reminder)
                except Exception as error:  # one broken row must not stop the others
                    log.exception("reminder %s failed", reminder.id)
                    await _retry_later(app, reminder, Failure(repr(error)[:200], False))
    return sent


async def _deliver(app: Any, reminder: Reminder) -> int:
    """Send one claimed reminder, or void it with the reason; 1 when a message went out."""
    db: Database = app.bot_data.db
    now = app.bot_data.clock.now()
    meeting = await repositories(db).meetings.get(reminder.meeting_id)
    if meeting is None or meeting.cancelled:
        await repositories(db).reminders.void(reminder.id, now, "meeting cancelled")
        return 0
    if meeting.starts_at <= now:
        await repositories(db).reminders.void(reminder.id, now, "meeting already started")
        log.warning(
            "reminder %s for meeting %s dropped: the meeting started at %s, it is now %s",
            reminder.id,
            meeting.id,
            meeting.starts_at.isoformat(),
            now.isoformat(),
        )
        return 0
    delayed = now - reminder.due_at > LATE_AFTER
    where = await meeting_places(db, meeting)
    languages, zone = await _audience(app, reminder)
    text = "\n\n".join(
        dict.fromkeys(
            reminder_text(
                translator(language),
                meeting.title,
                meeting.starts_at,
                now,
                where,
                meeting.place,
                zone,
                delayed,
            )
            for language in languages
        )
    )
    outcome = await deliver(app.bot, app.bot_data.store, reminder.chat_id, text)
    if isinstance(outcome, Message):
        await repositories(db).reminders.mark_sent(reminder.id, now, delayed)
        return 1
    if outcome.permanent:
        await repositories(db).reminders.void(reminder.id, now, outcome.reason)
        log.info("reminder %s voided: %s", reminder.id, outcome.reason)
        return 0
    await _retry_later(app, reminder, outcome, meeting.starts_at)
    return 0


async def _retry_later(
    app: Any,
    reminder: Reminder,
    failure: Failure,
    starts_at: datetime | None = None,
) -> None:
    """Unclaim a reminder whose send failed for a passing reason, to try again after a pause.

    Given up (voided and logged) only when the next try would come after the meeting began.
    """
    db: Database = app.bot_data.db
    now = app.bot_data.clock.now()
    attempts = await repositories(db).reminders.attempts(reminder.id)
    retry_at = now + retry_delay(attempts, failure.retry_after)
    if starts_at is not None and retry_at >= starts_at:
        await repositories(db).reminders.void(reminder.id, now, f"gave up: {failure.reason}"[:200])
        log.warning(
            "reminder %s given up after %d attempts (%s): the meeting starts at %s",
            reminder.id,
            attempts,
            failure.reason,
            starts_at.isoformat(),
        )
        return
    if await repositories(db).reminders.release(reminder.id, failure.reason[:200], retry_at):
        log.info(
            "reminder %s to chat %s failed (%s); attempt %d, next at %s",
            reminder.id,
            reminder.chat_id,
            failure.reason,
            attempts,
            retry_at.isoformat(),
        )


async def _audience(app: Any, reminder: Reminder) -> tuple[tuple[str, ...], str]:
    """Languages and zone of the reader: a group's settings, or the person's own."""
    db: Database = app.bot_data.db
    settings = app.bot_data.settings
    current = await chat_settings(db, settings, reminder.chat_id)
    if reminder.user_id is None:
        return current.languages, current.timezone
    user = await repositories(db).users.get_user(reminder.user_id)
    language = resolve_language(
        user.language if user else None,
        user.telegram_language if user else None,
        None,
        settings.default_language,
    )
    zones = {d.timezone for d, _ in await repositories(db).delegations.of_user(reminder.user_id)}
    zone = zones.pop() if len(zones) == 1 else current.timezone
    return (language,), zone


async def arm(app: Any) -> None:
    """(Re)set the one named timer to the next due reminder; nothing pending, no timer."""
    queue = app.job_queue
    if queue is None or app.bot_data.db is None:
        return
    for job in queue.get_jobs_by_name(TIMER_JOB):
        job.schedule_removal()
    upcoming = await repositories(app.bot_data.db).reminders.next_due()
    if upcoming is None:
        return
    delay = max((upcoming - app.bot_data.clock.now()).total_seconds(), 0.0)
    queue.run_once(_on_timer, when=delay, name=TIMER_JOB, job_kwargs={"misfire_grace_time": None})


async def _on_timer(context: CallbackContext[Any, Any, Any, Any]) -> None:
    """The timer fired: send what is due, then aim at the next one."""
    await dispatch_due(context.application)
    await arm(context.application)


async def _on_sweep(context: CallbackContext[Any, Any, Any, Any]) -> None:
    """Safety net for a timer lost or a clock jump, and the weekly digests."""
    app = context.application
    await dispatch_due(app)
    await send_due_digests(app)
    await arm(app)


async def start(app: Any) -> None:
    """At start: free claims a dead process left, send what is overdue, arm the timers."""
    db: Database = app.bot_data.db
    released = await repositories(db).reminders.release_stale_claims()
    if released:
        log.warning("released %d reminder claims left by the previous run", released)
    sent = await dispatch_due(app)
    if sent:
        log.info("sent %d overdue reminders at start", sent)
    await arm(app)
    if app.job_queue is not None:
        app.job_queue.run_repeating(
            _on_sweep,
            interval=SWEEP_SECONDS,
            first=SWEEP_SECONDS,
            name=SWEEP_JOB,
            job_kwargs={"misfire_grace_time": None, "coalesce": True},
        )


async def stop(app: Any) -> None:
    """Drop the timers (the job queue is stopped already; rows stay in the database)."""
    if app.job_queue is None:
        return
    for name in (TIMER_JOB, SWEEP_JOB):
        for job in app.job_queue.get_jobs_by_name(name):
            job.schedule_removal()
