"""A reminder that meets Telegram's flood limit is tried again later and arrives exactly once."""

from __future__ import annotations

from datetime import timedelta

from handlers.meetings.reminders import TIMER_JOB, dispatch_due
from tests.e2e.conftest import BotFactory
from tests.e2e.meeting_support import COORDINATOR_ID, rows, schedule_one_line, three_delegations
from tests.e2e.test_reminders import MEETING, MONDAY, START, reminders_in
from tests.fakes import FrozenClock


async def test_a_flood_limited_group_gets_its_reminder_once_after_a_pause(
    start_bot: BotFactory,
) -> None:
    clock = FrozenClock(MONDAY)
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}), clock=clock)
    world = await three_delegations(bot)
    polytech = world.groups["Polytech"]
    await schedule_one_line(bot, world, polytech, MEETING)
    for group in world.groups.values():
        await bot.new_messages(group)
    db = bot.settings.database

    # Polytech's group has used up its messages for the minute: Telegram answers 429.
    bot.sim.flood_control = True
    while bot.sim.flood.check(polytech.id, is_group=True) is None:
        pass
    clock.advance(START - timedelta(hours=24) - clock.now())
    assert await dispatch_due(bot.app) == 2  # the other two groups
    assert await dispatch_due(bot.app) == 0  # no hammering: the retry waits
    [(attempts, retry_at, voided)] = rows(
        db,
        """SELECT attempts, next_attempt_at, voided_at FROM reminders
           WHERE chat_id = ? AND offset_min = 1440""",
        polytech.id,
    )
    assert attempts == 1 and retry_at is not None and voided is None
    assert len(bot.app.job_queue.get_jobs_by_name(TIMER_JOB)) == 1  # type: ignore[union-attr]

    # The limit clears; the retry goes out once, at its time.
    bot.sim.flood_control = False
    clock.advance(timedelta(minutes=1, seconds=1))
    assert await dispatch_due(bot.app) == 1
    assert await dispatch_due(bot.app) == 0
    for name, group in world.groups.items():
        sent = [m.plain for m in await bot.new_messages(group)]
        assert reminders_in(sent) == 1, (name, sent)

    clock.advance(START - timedelta(hours=1) - clock.now())
    assert await dispatch_due(bot.app) == 3
    assert rows(db, "SELECT count(*) FROM reminders WHERE sent_at IS NOT NULL") == [(6,)]
    assert rows(db, "SELECT count(*) FROM reminders WHERE voided_at IS NOT NULL") == [(0,)]
