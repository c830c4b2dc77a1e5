"""The /meet dialogue in busy groups, anonymous admins, forged buttons and odd numbers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bot.common.i18n import translator
from simulator import SimChat, SimUser
from tests.database_dump import dump
from tests.e2e.conftest import Bot, BotFactory
from tests.e2e.meeting_support import (
    ALL_NAMES,
    COORDINATOR_ID,
    World,
    rows,
    schedule_one_line,
    three_delegations,
)
from tests.fakes import FrozenClock

MONDAY = datetime(2027, 7, 26, 9, 0, tzinfo=UTC)
APOLOGY = "Sorry, something went wrong on my side. Please try again."


async def started(start_bot: BotFactory) -> tuple[Bot, World]:
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}), clock=FrozenClock(MONDAY))
    world = await three_delegations(bot)
    for group in world.groups.values():
        await bot.new_messages(group)
    return bot, world


async def press_data(bot: Bot, chat: SimChat, user: SimUser, data: str) -> dict[str, Any]:
    """Press the newest button carrying `data` (labels depend on the presser's language)."""
    for message in reversed(bot.sim.bot_messages(chat)):
        for index, button in enumerate(message.flat_buttons):
            if button.get("callback_data") == data:
                answer = await bot.press(chat, message, user, index=index)
                assert answer is not None
                return answer
    raise AssertionError(f"no button {data!r} in {chat.id}")


def apologised(answer: dict[str, Any] | None) -> bool:
    texts = {translator(lang).t(APOLOGY) for lang in ("en", "ru", "zh", "fi")}
    return answer is not None and answer.get("text") in texts


async def test_a_remark_a_photo_and_a_double_tap_do_not_answer_questions(
    start_bot: BotFactory,
) -> None:
    bot, world = await started(start_bot)
    bot.sim.can_read_all_group_messages = True
    polytech = world.groups["Polytech"]
    coordinator = world.coordinator
    await bot.say(polytech, coordinator, "/meet")
    # A remark to colleagues (no reply to the question) is conversation, not the title.
    assert await bot.say(polytech, coordinator, "Coffee first, anyone?") == []
    # A photo where a title is expected is explained, and the question stays.
    question = bot.sim.bot_messages(polytech)[-1]
    bot.sim.post(
        polytech, coordinator, "", caption_media=("scan.png", b"png"), reply_to=question.message_id
    )
    [told] = await bot.new_messages(polytech)
    assert told.plain == translator("en").t("Please answer with text, or send /cancel to stop.")
    bot.sim.post(polytech, coordinator, "Satellite data", reply_to=question.message_id)
    [asked] = await bot.new_messages(polytech)
    assert asked.plain.startswith("(2/7)")
    await bot.answer(polytech, coordinator, "2027-07-28 15:00")
    await bot.press_button(polytech, coordinator, "60")
    place = (await bot.answer(polytech, coordinator, "Polytech"))[-1]
    assert place.plain.startswith("(5/7)")
    # Skip tapped twice on the place question skips the place only.
    first = await bot.press(polytech, place, coordinator, index=0)
    assert first is not None and not first.get("show_alert")
    second = await bot.press(polytech, place, coordinator, index=0)
    assert second is not None and second["show_alert"]
    [agenda] = await bot.new_messages(polytech)
    assert agenda.plain.startswith("(6/7)")
    [project] = await bot.answer(polytech, coordinator, "Orbits")
    assert project.plain.startswith("(7/7)")
    await bot.press_button(polytech, coordinator, "Skip")
    answer = await bot.press_button(polytech, coordinator, "Save")
    assert answer is not None and not answer.get("show_alert")
    assert rows(bot.settings.database, "SELECT title, place, agenda FROM meetings") == [
        ("Satellite data", "", "Orbits")
    ]


async def test_an_anonymous_admin_schedules_and_a_real_admin_presses_save(
    start_bot: BotFactory,
) -> None:
    bot, world = await started(start_bot)
    polytech = world.groups["Polytech"]
    bot.sim.post_as_chat(polytech, "/meet Sync | 2027-07-28 15:00 | 45 | Polytech")
    await bot.new_messages(polytech)
    olga = world.members["Polytech"]  # not an administrator: may not save it
    answer = await press_data(bot, polytech, olga, "mt:1:save")
    assert answer["show_alert"]
    assert rows(bot.settings.database, "SELECT count(*) FROM meetings") == [(0,)]
    answer = await press_data(bot, polytech, world.coordinator, "mt:1:save")
    assert not answer.get("show_alert")
    assert rows(bot.settings.database, "SELECT title, duration_min FROM meetings") == [("Sync", 45)]


async def test_one_dialogue_at_a_time(start_bot: BotFactory) -> None:
    bot, world = await started(start_bot)
    polytech = world.groups["Polytech"]
    coordinator = world.coordinator
    await bot.say(polytech, coordinator, "/register")
    [refused] = await bot.say(polytech, coordinator, "/meet")
    assert "another dialogue" in refused.plain
    await bot.say(polytech, coordinator, "/cancel")
    [slots] = await bot.say(polytech, coordinator, "/slots Polytech Z-Park")
    assert slots.flat_buttons
    await bot.say(polytech, coordinator, "/meet")
    answer = await bot.press(polytech, slots, coordinator, index=0)
    assert answer is not None and answer["show_alert"] and "another dialogue" in answer["text"]
    # The open dialogue still takes its answer.
    [asked] = await bot.answer(polytech, coordinator, "Satellite data")
    assert asked.plain.startswith("(2/7)")


@pytest.mark.parametrize(
    "data",
    [
        "rv:1:²:0:g",
        "rv:1:99999999999999999999999:0:g",
        "rv:1:1:²:w",
        "mr:1:²:0:1",
        "mr:1:1:0:99999999999",
        "mr:1:²:keep",
        "sl:1:²:60:1",
        "sl:1:99999999999999:60:1",
        "sl:1:30000000:²:1",
        "sl:1:30000000:60:²",
    ],
)
async def test_forged_buttons_are_refused_politely(start_bot: BotFactory, data: str) -> None:
    bot, world = await started(start_bot)
    polytech = world.groups["Polytech"]
    await schedule_one_line(bot, world, polytech, "Sync | 2027-07-28 15:00 | 45 | Polytech")
    before = dump(bot.settings.database)
    card = bot.sim.bot_messages(polytech)[-1]
    query = bot.sim.press(polytech, card.message_id, world.coordinator, data=data)
    await bot.settle()
    answer = bot.sim.callback_answer(query)
    assert answer is not None and answer["show_alert"] and not apologised(answer), answer
    assert dump(bot.settings.database) == before


async def test_odd_numbers_in_commands_are_refused_politely(start_bot: BotFactory) -> None:
    bot, world = await started(start_bot)
    polytech = world.groups["Polytech"]
    coordinator = world.coordinator
    apology = translator("en").t(APOLOGY)
    for command in (
        "/meeting ²",
        "/meeting 99999999999999999999999",
        "/ics ²",
        "/reschedule ² tomorrow 15:00",
        "/cancelmeeting ²",
        "/slots Polytech days=²",
        "/slots Polytech duration=²",
    ):
        [answer] = await bot.say(polytech, coordinator, command)
        assert apology not in answer.plain, command
    [usage] = await bot.say(polytech, coordinator, "/meeting ²")
    assert "/meeting 12" in usage.plain
    [usage] = await bot.say(polytech, coordinator, "/slots Polytech days=²")
    assert "days=" in usage.plain


async def test_a_project_step_accepts_only_an_existing_project(start_bot: BotFactory) -> None:
    bot, world = await started(start_bot)
    polytech = world.groups["Polytech"]
    coordinator = world.coordinator
    await bot.say(polytech, coordinator, f"/meet Sync | 2027-07-28 15:00 | 45 | {ALL_NAMES}")
    await bot.say(polytech, coordinator, "/cancel")
    await bot.say(polytech, coordinator, "/meet")
    for answer in ("Sync", "2027-07-28 15:00", "45", "Polytech", "Room 1", "Plans"):
        await bot.answer(polytech, coordinator, answer)
    for number in ("²", "7", "#99999999999999"):
        [refused] = await bot.answer(polytech, coordinator, number)
        assert "Skip" in refused.plain or "#" in refused.plain
        assert refused.flat_buttons  # Skip is still there: the same question again
    assert rows(bot.settings.database, "SELECT count(*) FROM meetings") == [(0,)]
