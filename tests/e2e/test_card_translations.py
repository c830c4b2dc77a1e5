"""People's words on meeting cards get a translation line per chat language (issue 6)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.e2e.conftest import BotFactory
from tests.e2e.meeting_support import COORDINATOR_ID, schedule_one_line, three_delegations
from tests.fakes import FrozenClock


async def test_meeting_title_and_agenda_are_translated_on_the_card(start_bot: BotFactory) -> None:
    clock = FrozenClock(datetime(2027, 7, 20, 8, 0, tzinfo=UTC))
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}), clock=clock)
    world = await three_delegations(bot)
    polytech = world.groups["Polytech"]
    await bot.say(polytech, world.coordinator, "/settings languages ru zh")
    await bot.new_messages(polytech)
    title, agenda = "Lunar regolith printing", "Review the printer test results together"
    await schedule_one_line(
        bot, world, polytech, f"{title} | 2027-07-28 15:00 | 60 | Polytech, Z-Park | | {agenda}"
    )
    cards = [m.plain for m in bot.sim.bot_messages(polytech) if title in m.plain]
    card = cards[-1]
    for line in (f"[ru] {title}", f"[zh] {title}", f"[ru] {agenda}", f"[zh] {agenda}"):
        assert line in card, card
    zpark_card = [m.plain for m in bot.sim.bot_messages(world.groups["Z-Park"])][-1]
    assert f"[zh] {title}" in zpark_card and f"[ru] {title}" not in zpark_card
