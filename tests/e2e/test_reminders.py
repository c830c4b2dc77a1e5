"""Reminders end to end: on time with a moved clock, exactly once across a restart, Forbidden."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.common.i18n import translator
from handlers.meetings.reminders import TIMER_JOB, dispatch_due
from tests.e2e.conftest import BotFactory
from tests.e2e.meeting_support import (
    ALL_NAMES,
    COORDINATOR_ID,
    rows,
    schedule_one_line,
    stop,
    three_delegations,
)
from tests.fakes import FrozenClock

MONDAY = datetime(2027, 7, 26, 9, 0, tzinfo=UTC)
MEETING = f"Sync | 2027-07-28 15:00 | 60 | {ALL_NAMES} | Room 1"  # read in Moscow: 12:00 UTC
START = datetime(2027, 7, 28, 12, 0, tzinfo=UTC)


def reminders_in(messages: list[str]) -> int:
    return sum(1 for text in messages if text.startswith("⏰"))


async def test_reminders_fire_at_their_moments_as_the_clock_moves(start_bot: BotFactory) -> None:
    clock = FrozenClock(MONDAY)
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}), clock=clock)
    world = await three_delegations(bot)
    polytech = world.groups["Polytech"]
    await schedule_one_line(bot, world, polytech, MEETING)
    for group in world.groups.values():
        await bot.new_messages(group)
    assert len(bot.app.job_queue.get_jobs_by_name(TIMER_JOB)) == 1  # type: ignore[union-attr]

    clock.advance(START - timedelta(hours=24, minutes=1) - clock.now())
    assert await dispatch_due(bot.app) == 0  # a minute early: nothing
    clock.advance(timedelta(minutes=1))
    assert await dispatch_due(bot.app) == 3
    for name, group in world.groups.items():
        [reminder] = await bot.new_messages(group)
        assert reminder.plain.startswith("⏰") and "Sync" in reminder.plain, name
        assert "St Petersburg 15:00" in reminder.plain and "⚠️" not in reminder.plain
    assert await dispatch_due(bot.app) == 0  # never twice

    clock.advance(timedelta(hours=23))
    assert await dispatch_due(bot.app) == 3
    for group in world.groups.values():
        [reminder] = await bot.new_messages(group)
        assert "Room 1" in reminder.plain
    db = bot.settings.database
    assert rows(db, "SELECT count(*), sum(delayed) FROM reminders WHERE sent_at IS NOT NULL") == [
        (6, 0)
    ]


async def test_a_restart_between_planning_and_due_time_delivers_each_reminder_once(
    start_bot: BotFactory,
) -> None:
    clock = FrozenClock(MONDAY)
    first = await start_bot(coordinators=frozenset({COORDINATOR_ID}), clock=clock)
    world = await three_delegations(first)
    polytech = world.groups["Polytech"]
    await schedule_one_line(first, world, polytech, MEETING)
    # A second meeting that will already have started when the bot comes back.
    early = "Early | 2027-07-26 18:00 | 30 | Polytech"
    await schedule_one_line(first, world, polytech, early)
    before = {group.id: len(first.sim.bot_messages(group)) for group in world.groups.values()}
    await stop(first)

    # Down for two days: the 24 h reminder of Sync is overdue, Early has already happened.
    clock.advance(START - timedelta(hours=5) - clock.now())
    second = await start_bot(
        coordinators=frozenset({COORDINATOR_ID}), clock=clock, database=first.settings.database
    )
    await second.settle()
    clock.advance(timedelta(hours=4, minutes=1))  # past the 1 h reminder
    await asyncio.gather(dispatch_due(second.app), dispatch_due(second.app))
    assert await dispatch_due(second.app) == 0

    languages = {"Z-Park": "zh", "Polytech": "ru", "Savonlinna Business": "fi"}
    for name, group in world.groups.items():
        sent = [m.plain for m in second.sim.bot_messages(group)[before[group.id] :]]
        assert reminders_in(sent) == 2, (group.title, sent)
        note = translator(languages[name]).t("Sent late: the bot was offline at the planned time.")
        late = [text for text in sent if note in text]
        assert len(late) == 1  # the 24 h one came hours late; the 1 h one a minute after due
        assert all("Early" not in text for text in sent)
    db = first.settings.database
    assert rows(
        db,
        """SELECT m.title, count(*) FROM reminders r JOIN meetings m ON m.id = r.meeting_id
           WHERE r.sent_at IS NOT NULL GROUP BY m.title""",
    ) == [("Sync", 6)]
    assert rows(
        db,
        """SELECT count(*) FROM reminders r JOIN meetings m ON m.id = r.meeting_id
           WHERE m.title = 'Early' AND r.voided_at IS NOT NULL
             AND r.last_error = 'meeting already started'""",
    ) == [(1,)]


async def test_a_chat_that_removed_the_bot_gets_no_more_reminders(start_bot: BotFactory) -> None:
    clock = FrozenClock(MONDAY)
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}), clock=clock)
    world = await three_delegations(bot)
    polytech = world.groups["Polytech"]
    await schedule_one_line(bot, world, polytech, MEETING)
    for group in world.groups.values():
        await bot.new_messages(group)
    savonlinna = world.groups["Savonlinna Business"]
    # Removed while the bot was not looking (no update came): sending now answers Forbidden.
    savonlinna.bot_kicked = True
    savonlinna.members[bot.sim.bot_user.id] = "kicked"

    clock.advance(START - timedelta(hours=24) - clock.now())
    assert await dispatch_due(bot.app) == 2
    clock.advance(timedelta(hours=23))
    assert await dispatch_due(bot.app) == 2
    for name, group in world.groups.items():
        sent = [m.plain for m in await bot.new_messages(group)]
        assert reminders_in(sent) == (0 if group is savonlinna else 2), name
    db = bot.settings.database
    assert rows(db, "SELECT active FROM chats WHERE id = ?", savonlinna.id) == [(0,)]
    assert rows(
        db,
        "SELECT count(*) FROM reminders WHERE chat_id = ? AND voided_at IS NOT NULL",
        savonlinna.id,
    ) == [(2,)]


async def test_going_with_remindme_gets_a_private_reminder(start_bot: BotFactory) -> None:
    clock = FrozenClock(MONDAY)
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}), clock=clock)
    world = await three_delegations(bot)
    polytech = world.groups["Polytech"]
    meeting_id = await schedule_one_line(bot, world, polytech, MEETING)
    olga = world.members["Polytech"]
    olga_chat = bot.sim.private_chat(olga)
    [on] = await bot.say(olga_chat, olga, "/remindme")
    assert "0" in on.plain
    await bot.press_button(polytech, olga, "✅")
    assert rows(
        bot.settings.database,
        "SELECT count(*) FROM reminders WHERE user_id = ? AND meeting_id = ?",
        olga.id,
        meeting_id,
    ) == [(1,)]
    clock.advance(START - timedelta(minutes=59) - clock.now())
    await dispatch_due(bot.app)
    [private] = await bot.new_messages(olga_chat)
    assert private.plain.startswith("⏰") and "Sync" in private.plain
