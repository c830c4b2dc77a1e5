"""The reminder dispatcher: one timer for the next due row, a sweep, and claimed sends."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Any

from telegram.ext import CallbackContext

from bot.i18n import translator
from bot.languages import resolve_language
from bot.meeting_render import reminder_text
from handlers.meeting_common import chat_settings, meeting_places
from handlers.meeting_digests import send_due_digests
from handlers.notify import post_notice
from storage import chats, delegations, meetings, reminders, users
from storage.database import Database

log = logging.getLogger(__name__)
TIMER_JOB = "meeting-reminders-next"
SWEEP_JOB = "meeting-reminders-sweep"
SWEEP_SECONDS = 60
BATCH = 50
LATE_AFTER = timedelta(minutes=2)  # sent later than this after due → marked as delayed
MAX_ATTEMPTS = 5


def _lock(app: Any) -> asyncio.Lock:
    """One dispatcher at a time per application (timer, sweep and tests may overlap)."""
    lock: asyncio.Lock = app.bot_data.reminder_lock
    return lock


async def dispatch_due(app: Any) -> int:
    """Send every reminder due by the clock's now, each claimed first; return how many went."""
    db: Database = app.bot_data.db
    sent = 0
    async with _lock(app):
        tried: set[int] = set()
        while True:
            now = app.bot_data.clock.now()
            batch = await reminders.due(db, now, BATCH, tried)
            if not batch:
                break
            for reminder in batch:
                tried.add(reminder.id)
                if not await reminders.claim(db, reminder.id, now):
                    continue
                try:
                    sent += await _deliver(app, reminder)
                except Exception as error:  # one broken row must not stop the others
                    log.exception("reminder %s failed", reminder.id)
                    await reminders.release(db, reminder.id, repr(error)[:200], MAX_ATTEMPTS)
    return sent


async def _deliver(app: Any, reminder: reminders.Reminder) -> int:
    """Send one claimed reminder, or void it with the reason; 1 when a message went out."""
    db: Database = app.bot_data.db
    now = app.bot_data.clock.now()
    meeting = await meetings.get(db, reminder.meeting_id)
    if meeting is None or meeting.cancelled:
        await reminders.void(db, reminder.id, now, "meeting cancelled")
        return 0
    if meeting.starts_at <= now:
        await reminders.void(db, reminder.id, now, "meeting already started")
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
    message = await post_notice(app.bot, db, reminder.chat_id, text)
    if message is not None:
        await reminders.mark_sent(db, reminder.id, now, delayed)
        return 1
    record = await chats.get_chat(db, reminder.chat_id)
    if record is not None and not record.active:
        await reminders.void(db, reminder.id, now, "chat closed to the bot")
        log.info("reminder %s voided: chat %s is inactive", reminder.id, reminder.chat_id)
    elif not await reminders.release(db, reminder.id, "send failed", MAX_ATTEMPTS):
        log.warning("reminder %s given up after %d attempts", reminder.id, MAX_ATTEMPTS)
    return 0


async def _audience(app: Any, reminder: reminders.Reminder) -> tuple[tuple[str, ...], str]:
    """Languages and zone of the reader: a group's settings, or the person's own."""
    db: Database = app.bot_data.db
    settings = app.bot_data.settings
    current = await chat_settings(db, settings, reminder.chat_id)
    if reminder.user_id is None:
        return current.languages, current.timezone
    user = await users.get_user(db, reminder.user_id)
    language = resolve_language(
        user.language if user else None,
        user.telegram_language if user else None,
        None,
        settings.default_language,
    )
    zones = {d.timezone for d, _ in await delegations.of_user(db, reminder.user_id)}
    zone = zones.pop() if len(zones) == 1 else current.timezone
    return (language,), zone


async def arm(app: Any) -> None:
    """(Re)set the one named timer to the next due reminder; nothing pending, no timer."""
    queue = app.job_queue
    if queue is None or app.bot_data.db is None:
        return
    for job in queue.get_jobs_by_name(TIMER_JOB):
        job.schedule_removal()
    upcoming = await reminders.next_due(app.bot_data.db)
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
    released = await reminders.release_stale_claims(db)
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
