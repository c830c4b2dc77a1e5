"""Cards: long cards still count RSVPs, one live card per chat, who may see and change what."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.common.i18n import translator
from tests.e2e.conftest import Bot, BotFactory
from tests.e2e.meeting_support import (
    COORDINATOR_ID,
    World,
    rows,
    schedule_one_line,
    three_delegations,
)
from tests.fakes import FrozenClock

MONDAY = datetime(2027, 7, 26, 9, 0, tzinfo=UTC)
SYNC = "Sync | 2027-07-28 15:00 | 45 | Polytech, Z-Park | https://meet.example/secret"


async def started(start_bot: BotFactory) -> tuple[Bot, World, FrozenClock]:
    clock = FrozenClock(MONDAY)
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}), clock=clock)
    world = await three_delegations(bot)
    for group in world.groups.values():
        await bot.new_messages(group)
    return bot, world, clock


async def test_rsvp_counts_update_on_a_card_too_long_for_one_message(
    start_bot: BotFactory,
) -> None:
    bot, world, _clock = await started(start_bot)
    polytech = world.groups["Polytech"]
    await bot.say(polytech, world.coordinator, "/settings languages ru en zh fi")
    agenda = " ".join(["Budget review and the satellite data exchange plan."] * 28)
    await schedule_one_line(bot, world, polytech, f"{SYNC} | {agenda}")
    posted = await bot.new_messages(polytech)
    counts = next(m for m in reversed(posted) if m.flat_buttons)
    assert len([m for m in posted if "Sync" in m.plain]) >= 2  # the card came in parts
    assert counts.plain.startswith("📅 Sync · #1") and len(counts.plain) < 200
    olga = world.members["Polytech"]
    answer = await bot.press(polytech, counts, olga, index=0)
    assert answer is not None and not answer.get("show_alert")
    assert "✅ 1 (Polytech 1)" in bot.sim.message(polytech.id, counts.message_id).plain


async def test_one_live_card_per_chat(start_bot: BotFactory) -> None:
    bot, world, _clock = await started(start_bot)
    polytech = world.groups["Polytech"]
    await schedule_one_line(bot, world, polytech, SYNC)
    await bot.say(polytech, world.coordinator, "/meeting 1")
    [newest] = await bot.say(polytech, world.coordinator, "/meeting 1")
    db = bot.settings.database
    assert rows(db, "SELECT message_id FROM meeting_cards WHERE chat_id = ?", polytech.id) == [
        (newest.message_id,)
    ]
    olga = world.members["Polytech"]
    await bot.press(polytech, newest, olga, index=0)
    edits = [
        call
        for call in bot.sim.calls_since_mark("editMessageText")
        if call.params.get("chat_id") == polytech.id
    ]
    assert len(edits) == 1  # one message per chat, however often the card was shown


async def test_only_those_concerned_see_a_meeting(start_bot: BotFactory) -> None:
    bot, world, _clock = await started(start_bot)
    polytech = world.groups["Polytech"]
    await schedule_one_line(bot, world, polytech, SYNC)
    otto = world.outsider
    private = bot.sim.private_chat(otto)
    en = translator("en")
    for command, number in (("/meeting 1", 1), ("/ics 1", 1), ("/meeting 2", 2)):
        [refused] = await bot.say(private, otto, command)
        nothing = en.t("There is no meeting #{id} you can see.", id=number)
        assert refused.plain == nothing and not refused.document, command
    query = bot.sim.press(private, refused.message_id, otto, data="rv:1:1:0:w")
    await bot.settle()
    answer = bot.sim.callback_answer(query)
    assert answer is not None and "Olga" not in answer["text"] and answer["show_alert"]
    li = world.members["Z-Park"]  # a member of a participating delegation, in private
    [card] = await bot.say(bot.sim.private_chat(li), li, "/meeting 1")
    assert "meet.example/secret" in card.plain
    mikko = world.members["Savonlinna Business"]  # his delegation does not take part
    [refused] = await bot.say(bot.sim.private_chat(mikko), mikko, "/meeting 1")
    assert refused.plain == translator("fi").t("There is no meeting #{id} you can see.", id=1)


async def test_keep_it_is_for_those_who_may_move_and_a_double_tap_is_harmless(
    start_bot: BotFactory,
) -> None:
    bot, world, _clock = await started(start_bot)
    polytech = world.groups["Polytech"]
    await schedule_one_line(bot, world, polytech, SYNC)
    await bot.new_messages(polytech)
    [proposal] = await bot.say(polytech, world.coordinator, "/reschedule 1 2027-07-29 10:00")
    olga = world.members["Polytech"]
    refused = await bot.press(polytech, proposal, olga, index=1)
    assert refused is not None and refused["show_alert"]
    assert bot.sim.message(polytech.id, proposal.message_id).flat_buttons  # still there
    kept = await bot.press(polytech, proposal, world.coordinator, index=1)
    assert kept is not None and not kept.get("show_alert")
    assert not bot.sim.message(polytech.id, proposal.message_id).flat_buttons
    query = bot.sim.press(polytech, proposal.message_id, world.coordinator, data="mr:1:1:keep")
    await bot.settle()
    again = bot.sim.callback_answer(query)
    assert again is not None and not again.get("show_alert")  # no apology for a double tap
    assert rows(bot.settings.database, "SELECT sequence FROM meetings") == [(0,)]


async def test_a_new_home_chat_gets_the_cards_and_the_reminders(start_bot: BotFactory) -> None:
    bot, world, _clock = await started(start_bot)
    polytech = world.groups["Polytech"]
    await schedule_one_line(bot, world, polytech, SYNC)
    db = bot.settings.database
    moved = bot.sim.add_group("Polytech 2", members=[world.coordinator])
    bot.sim.set_admin(moved, world.coordinator, "creator")
    linked = await bot.say(moved, world.coordinator, "/linkchat Polytech")
    card = next(m for m in linked if m.flat_buttons)
    assert "Sync" in card.plain and "#1" in card.plain
    live = "SELECT count(*) FROM reminders WHERE chat_id = ? AND voided_at IS NULL"
    assert rows(db, live, moved.id) == [(2,)]
    assert rows(db, live, polytech.id) == [(0,)]
    assert rows(db, live, world.groups["Z-Park"].id) == [(2,)]
    # Linking the same chat again posts nothing new and plans nothing twice.
    await bot.say(moved, world.coordinator, "/linkchat Polytech")
    assert [m for m in await bot.new_messages(moved) if m.flat_buttons] == []
    assert rows(db, live, moved.id) == [(2,)]
