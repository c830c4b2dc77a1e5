"""Conflicts: scheduling a delegation into a meeting that overlaps another of its meetings
warns and asks to confirm."""

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

MONDAY = datetime(2027, 7, 26, 9, 0, tzinfo=UTC)  # Mon 26 Jul 2027
WARNING = "It overlaps other meetings of these delegations:"
# Polytech's group reads Moscow time: Sync is Wed 28 Jul 15:00-16:00 there (12:00 UTC).
SYNC = "Sync | 2027-07-28 15:00 | 60 | Polytech, Z-Park"
OVERLAPPING = "Budget | 2027-07-28 15:30 | 60 | Polytech, Savonlinna Business"


async def started(start_bot: BotFactory) -> tuple[Bot, World, int]:
    """Three delegations and one saved meeting, Sync, of Polytech and Z-Park."""
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}), clock=FrozenClock(MONDAY))
    world = await three_delegations(bot)
    sync_id = await schedule_one_line(bot, world, world.groups["Polytech"], SYNC)
    for group in world.groups.values():
        await bot.new_messages(group)
    return bot, world, sync_id


def saved_meetings(bot: Bot) -> list[tuple[object, ...]]:
    return rows(bot.settings.database, "SELECT title, starts_at FROM meetings ORDER BY id")


async def test_an_overlap_warns_and_nothing_is_saved_until_save(start_bot: BotFactory) -> None:
    bot, world, sync_id = await started(start_bot)
    polytech = world.groups["Polytech"]
    coordinator = world.coordinator
    before = saved_meetings(bot)
    assert before == [("Sync", "2027-07-28T12:00:00+00:00")]

    [summary] = await bot.say(polytech, coordinator, f"/meet {OVERLAPPING}")
    lines = summary.plain.splitlines()
    assert f"⚠️ {WARNING}" in lines
    assert f"#{sync_id} Sync — Wed 28 Jul 15:00" in lines  # the clash, in the chat's zone
    assert "Save anyway?" in lines
    assert any("Save" in b["text"] for b in summary.flat_buttons)
    assert saved_meetings(bot) == before  # asked, not saved

    answer = await bot.press_button(polytech, coordinator, "Cancel")
    assert answer is not None and not answer.get("show_alert")
    [cancelled] = await bot.new_messages(polytech)
    assert cancelled.plain == "Scheduling cancelled. Nothing was saved."
    assert saved_meetings(bot) == before
    assert rows(bot.settings.database, "SELECT count(*) FROM meeting_delegations") == [(2,)]

    [summary] = await bot.say(polytech, coordinator, f"/meet {OVERLAPPING}")
    assert f"⚠️ {WARNING}" in summary.plain
    assert saved_meetings(bot) == before
    answer = await bot.press_button(polytech, coordinator, "Save")
    assert answer is not None and not answer.get("show_alert")
    assert answer["text"] == "Saved."
    await bot.settle()
    assert saved_meetings(bot) == [*before, ("Budget", "2027-07-28T12:30:00+00:00")]
    [(budget_id,)] = rows(bot.settings.database, "SELECT id FROM meetings WHERE title = 'Budget'")
    assert rows(
        bot.settings.database,
        """SELECT d.name FROM meeting_delegations md JOIN delegations d ON d.id = md.delegation_id
           WHERE md.meeting_id = ? ORDER BY d.name""",
        budget_id,
    ) == [("Polytech",), ("Savonlinna Business",)]
    # Sync is untouched: saving anyway does not move or cancel the earlier meeting.
    assert rows(bot.settings.database, "SELECT status FROM meetings WHERE id = ?", sync_id) == [
        ("scheduled",)
    ]


async def test_the_warning_is_in_the_readers_language(start_bot: BotFactory) -> None:
    bot, world, sync_id = await started(start_bot)
    polytech = world.groups["Polytech"]
    coordinator = world.coordinator
    private = bot.sim.private_chat(coordinator)
    await bot.say(private, coordinator, "/language")
    await bot.press_button(private, coordinator, "Русский")
    ru = translator("ru")
    [summary] = await bot.say(polytech, coordinator, f"/meet {OVERLAPPING}")
    assert f"⚠️ {ru.t(WARNING)}" in summary.plain
    assert ru.t("Save anyway?") in summary.plain
    assert f"#{sync_id} Sync" in summary.plain
    assert len(saved_meetings(bot)) == 1
    await bot.press_button(polytech, coordinator, ru.t("Save"))
    assert [title for title, _ in saved_meetings(bot)] == ["Sync", "Budget"]


async def test_no_warning_without_a_shared_delegation_or_without_overlap(
    start_bot: BotFactory,
) -> None:
    bot, world, _ = await started(start_bot)
    polytech = world.groups["Polytech"]
    coordinator = world.coordinator
    # The same hour, but none of Sync's delegations.
    [summary] = await bot.say(
        polytech, coordinator, "/meet Neighbours | 2027-07-28 15:00 | 60 | Savonlinna Business"
    )
    assert "Please check the meeting before it is saved" in summary.plain
    assert WARNING not in summary.plain and "Save anyway?" not in summary.plain
    await bot.press_button(polytech, coordinator, "Cancel")
    await bot.new_messages(polytech)
    # The same delegations, starting exactly when Sync ends.
    [summary] = await bot.say(
        polytech, coordinator, "/meet Right after | 2027-07-28 16:00 | 30 | Polytech, Z-Park"
    )
    assert "Please check the meeting before it is saved" in summary.plain
    assert WARNING not in summary.plain and "Save anyway?" not in summary.plain
    answer = await bot.press_button(polytech, coordinator, "Save")
    assert answer is not None and answer["text"] == "Saved."
    assert saved_meetings(bot) == [
        ("Sync", "2027-07-28T12:00:00+00:00"),
        ("Right after", "2027-07-28T13:00:00+00:00"),
    ]
