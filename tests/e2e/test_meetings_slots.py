"""/slots across three zones, a slot button that schedules, and the meeting settings and digest."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from bot.common.i18n import translator
from bot.projects.rules import ProjectDraft
from bot.projects.stages import label
from handlers.meetings.digests import send_due_digests
from storage.unit_of_work import repositories
from tests.e2e.conftest import BotFactory
from tests.e2e.meeting_support import COORDINATOR_ID, rows, schedule_one_line, three_delegations
from tests.fakes import FrozenClock

LINE = re.compile(r"Beijing (\d\d):(\d\d).*St Petersburg (\d\d):(\d\d).*Savonlinna (\d\d):(\d\d)")


@pytest.mark.parametrize(
    ("now", "helsinki_offset"),
    [(datetime(2027, 3, 3, 8, 0, tzinfo=UTC), 2), (datetime(2027, 7, 14, 8, 0, tzinfo=UTC), 3)],
)
async def test_slots_in_march_and_july_are_inside_everyones_hours_and_schedule(
    start_bot: BotFactory, now: datetime, helsinki_offset: int
) -> None:
    clock = FrozenClock(now)
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}), clock=clock)
    world = await three_delegations(bot)
    polytech = world.groups["Polytech"]
    await bot.new_messages(polytech)
    [answer] = await bot.say(
        polytech, world.coordinator, "/slots Z-Park Polytech Savonlinna Business duration=60"
    )
    found = [LINE.search(line) for line in answer.plain.splitlines()]
    times = [tuple(int(g) for g in match.groups()) for match in found if match]
    assert 1 <= len(times) <= 5 and len(answer.flat_buttons) == len(times)
    for bh, bm, mh, mm, hh, hm in times:
        assert (bh - mh) % 24 == 5 and (mh - hh) % 24 == 3 - helsinki_offset
        for hour, minute in ((bh, bm), (mh, mm), (hh, hm)):
            assert hour >= 9 and (hour + 1, minute) <= (18, 0)

    await bot.press_button(polytech, world.coordinator, "1.")
    await bot.answer(polytech, world.coordinator, "Slot meeting")
    for _ in range(3):  # place, agenda, project: skipped
        await bot.press_button(polytech, world.coordinator, "Skip")
    await bot.press_button(polytech, world.coordinator, "Save")
    [(starts, delegations)] = rows(
        bot.settings.database,
        """SELECT m.starts_at, count(*) FROM meetings m
           JOIN meeting_delegations d ON d.meeting_id = m.id GROUP BY m.id""",
    )
    assert delegations == 3
    local = datetime.fromisoformat(str(starts)).astimezone(UTC) + timedelta(hours=3)
    assert (local.hour, local.minute) == times[0][2:4]  # St Petersburg time of slot 1


async def test_settings_change_reminders_and_digest_and_the_digest_is_sent_once(
    start_bot: BotFactory,
) -> None:
    clock = FrozenClock(datetime(2027, 7, 22, 9, 0, tzinfo=UTC))  # Thursday
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}), clock=clock)
    world = await three_delegations(bot)
    polytech = world.groups["Polytech"]
    zpark = world.groups["Z-Park"]
    await schedule_one_line(bot, world, polytech, "Sync | 2027-07-28 15:00 | 60 | Polytech, Z-Park")
    db = bot.settings.database
    await bot.new_messages(polytech)
    [done] = await bot.say(polytech, world.coordinator, "/settings reminders 2d 30m")
    assert "2d 30m" in done.plain
    assert rows(
        db,
        "SELECT offset_min FROM reminders WHERE chat_id = ? AND voided_at IS NULL "
        "ORDER BY offset_min",
        polytech.id,
    ) == [(30,), (2880,)]
    [refused] = await bot.say(polytech, world.coordinator, "/settings reminders soon")
    assert "/settings reminders 24h 1h" in refused.plain
    await bot.new_messages(zpark)
    [done] = await bot.say(zpark, world.coordinator, "/settings digest off")
    assert "No weekly digest" in done.plain
    [card] = await bot.say(polytech, world.coordinator, "/settings")
    assert "2d 30m" in card.plain and "mon 09:00" in card.plain
    for group in world.groups.values():
        await bot.new_messages(group)

    store = bot.app.bot_data.db
    assert store is not None
    lead = await repositories(store).delegations.by_name("Polytech")
    assert lead is not None
    draft = ProjectDraft(title="Orbital <welding>", summary="Tests", areas=["space"])
    draft.lead_id = lead.id
    project = await repositories(store).projects.create(draft, COORDINATOR_ID, None, clock.now())
    clock.advance(timedelta(days=2))
    await repositories(store).projects.move(project, "discussion", COORDINATOR_ID, "", clock.now())

    clock.advance(datetime(2027, 7, 26, 6, 5, tzinfo=UTC) - clock.now())  # Mon 09:05 Moscow
    # Polytech's group is over Telegram's flood limit for a while: its digest fails at first,
    # and is posted (once) by a later sweep instead of being skipped for the week.
    bot.sim.flood_control = True
    while bot.sim.flood.check(polytech.id, is_group=True) is None:
        pass
    assert await send_due_digests(bot.app) == 1  # Savonlinna; Z-Park turned it off
    assert await bot.new_messages(polytech) == []
    bot.sim.flood_control = False
    clock.advance(timedelta(minutes=1))
    assert await send_due_digests(bot.app) == 1  # Polytech, on the next sweep
    assert await send_due_digests(bot.app) == 0
    [digest] = await bot.new_messages(polytech)
    assert "#1" in digest.plain and "Sync" in digest.plain
    ru = translator("ru")
    moved = f"{label(ru, 'proposed')} → {label(ru, 'discussion')}"
    assert f"Orbital <welding>: {moved}" in digest.plain
    [savonlinna_digest] = await bot.new_messages(world.groups["Savonlinna Business"])
    assert translator("fi").t("No project changed stage this week.") in savonlinna_digest.plain
    assert await bot.new_messages(zpark) == []
    [shown] = await bot.say(polytech, world.coordinator, "/digest")
    assert "Sync" in shown.plain


async def test_moved_digest_is_sent_on_friday_at_five_in_the_chats_zone_not_on_monday(
    start_bot: BotFactory,
) -> None:
    clock = FrozenClock(datetime(2027, 7, 22, 9, 0, tzinfo=UTC))  # Thursday
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}), clock=clock)
    world = await three_delegations(bot)
    polytech = world.groups["Polytech"]  # Europe/Moscow: Friday 17:00 there is 14:00 UTC
    await schedule_one_line(bot, world, polytech, "Sync | 2027-07-28 15:00 | 60 | Polytech")
    await bot.new_messages(polytech)
    [done] = await bot.say(polytech, world.coordinator, "/settings digest fri 17:00")
    assert done.plain == "Weekly digest: fri 17:00, this group's time."
    assert rows(
        bot.settings.database,
        "SELECT digest FROM meeting_chat_settings WHERE chat_id = ?",
        polytech.id,
    ) == [("fri 17:00",)]
    [card] = await bot.say(polytech, world.coordinator, "/settings")
    assert "Weekly digest: fri 17:00" in card.plain.splitlines()
    assert "Weekly digest: mon 09:00" not in card.plain
    for group in world.groups.values():
        await bot.new_messages(group)

    clock.advance(datetime(2027, 7, 23, 13, 59, tzinfo=UTC) - clock.now())  # Fri 16:59 Moscow
    await send_due_digests(bot.app)
    assert await bot.new_messages(polytech) == []
    clock.advance(timedelta(minutes=1))  # Fri 17:00 Moscow
    assert await send_due_digests(bot.app) == 1
    [digest] = await bot.new_messages(polytech)
    assert "#1" in digest.plain and "Sync" in digest.plain
    assert await send_due_digests(bot.app) == 0  # once
    assert await bot.new_messages(polytech) == []

    clock.advance(datetime(2027, 7, 26, 6, 5, tzinfo=UTC) - clock.now())  # Mon 09:05 Moscow
    assert await send_due_digests(bot.app) == 2  # Z-Park and Savonlinna keep Monday 09:00
    assert await bot.new_messages(polytech) == []  # no longer on Monday here
    for name in ("Z-Park", "Savonlinna Business"):
        assert len(await bot.new_messages(world.groups[name])) == 1, name

    clock.advance(datetime(2027, 7, 30, 14, 0, tzinfo=UTC) - clock.now())  # the next Friday
    assert await send_due_digests(bot.app) == 1
    assert len(await bot.new_messages(polytech)) == 1
