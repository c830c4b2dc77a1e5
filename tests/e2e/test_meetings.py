"""Meetings end to end: schedule across three zones, RSVPs, reschedule, cancel, bad input."""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar

from bot.common.i18n import translator
from bot.projects.rules import ProjectDraft
from storage.unit_of_work import repositories
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

MONDAY = datetime(2027, 7, 26, 9, 0, tzinfo=UTC)  # Mon 26 Jul 2027, summer time in Helsinki
TIMES = ("Beijing 20:00", "St Petersburg 15:00", "Savonlinna 15:00")


async def started(start_bot: BotFactory) -> tuple[Bot, World, FrozenClock]:
    clock = FrozenClock(MONDAY)
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}), clock=clock)
    world = await three_delegations(bot)
    for group in world.groups.values():
        await bot.new_messages(group)
    return bot, world, clock


async def test_schedule_rsvp_reschedule_and_cancel_across_three_zones(
    start_bot: BotFactory,
) -> None:
    bot, world, clock = await started(start_bot)
    polytech = world.groups["Polytech"]
    coordinator = world.coordinator
    project_id = await a_project(bot, clock, "Orbital <welding>")
    await bot.say(polytech, coordinator, "/meet")
    await bot.answer(polytech, coordinator, "Satellite data")
    [read_back] = await bot.answer(polytech, coordinator, "28 июля в 15:00")
    assert "15:00" in read_back.plain and "Europe/Moscow" in read_back.plain
    await bot.press_button(polytech, coordinator, "60")
    await bot.answer(polytech, coordinator, ALL_NAMES)
    await bot.answer(polytech, coordinator, "https://meet.example/abc")
    await bot.answer(polytech, coordinator, "Orbits & <budgets>")
    [refused] = await bot.answer(polytech, coordinator, str(project_id + 40))  # no such project
    assert f"#{project_id + 40}" in refused.plain
    [summary] = await bot.answer(polytech, coordinator, str(project_id))
    assert "Wed 28 Jul · " + " · ".join(TIMES) in summary.plain
    assert "Orbits & <budgets>" in summary.plain  # escaped on the way, shown as typed
    assert f"🧩 #{project_id} Orbital <welding>" in summary.plain
    answer = await bot.press_button(polytech, coordinator, "Save")
    assert answer is not None and not answer.get("show_alert")

    db = bot.settings.database
    [meeting] = rows(db, "SELECT id, title, starts_at, duration_min, project_id FROM meetings")
    assert meeting[1:] == ("Satellite data", "2027-07-28T12:00:00+00:00", 60, project_id)
    meeting_id = meeting[0]
    assert rows(db, "SELECT count(*) FROM meeting_delegations") == [(3,)]
    planned = rows(db, "SELECT chat_id, offset_min, due_at FROM reminders ORDER BY chat_id")
    assert len(planned) == 6
    assert {p[2] for p in planned} == {"2027-07-27T12:00:00+00:00", "2027-07-28T11:00:00+00:00"}

    cards = {}
    for name, group in world.groups.items():
        messages = await bot.new_messages(group)
        card = next(m for m in messages if "Satellite data" in m.plain and m.flat_buttons)
        for text in TIMES:
            assert text in card.plain, (name, card.plain)
        cards[name] = card
    assert "28 июл" in cards["Polytech"].plain  # weekday and date in the chat's language
    assert "7月28日" in cards["Z-Park"].plain
    assert "[zh] Orbits & <budgets>" in cards["Z-Park"].plain  # agenda translated for the chat

    # RSVPs from members of two delegations; an outsider may not answer.
    li, olga = world.members["Z-Park"], world.members["Polytech"]
    answer = await bot.press(world.groups["Z-Park"], cards["Z-Park"], li, index=0)
    assert answer is not None and not answer.get("show_alert")
    answer = await bot.press(polytech, cards["Polytech"], olga, index=1)
    assert answer is not None and not answer.get("show_alert")
    world.groups["Polytech"].members[world.outsider.id] = "member"
    answer = await bot.press(polytech, cards["Polytech"], world.outsider, index=0)
    assert answer is not None and answer["show_alert"]
    stored = rows(db, "SELECT user_id, answer FROM meeting_rsvps ORDER BY answer")
    assert stored == [(li.id, "going"), (olga.id, "maybe")]
    refreshed = bot.sim.message(polytech.id, cards["Polytech"].message_id)
    assert "✅ 1 (Z-Park 1)" in refreshed.plain and "🤔 1 (Polytech 1)" in refreshed.plain
    who = await bot.press(polytech, cards["Polytech"], olga, index=3)
    assert who is not None and "Li" in who["text"] and "Olga" in who["text"]

    # Reschedule: every chat told, RSVPs reset, reminders re-planned, SEQUENCE raised.
    [proposal] = await bot.say(polytech, coordinator, f"/reschedule {meeting_id} 29 июля в 10:00")
    assert "St Petersburg 10:00" in proposal.plain and "Beijing 15:00" in proposal.plain
    answer = await bot.press_button(polytech, coordinator, "Move it")
    assert answer is not None and not answer.get("show_alert")
    for group in world.groups.values():
        told = await bot.new_messages(group)
        assert any(f"#{meeting_id}" in m.plain and "Savonlinna 10:00" in m.plain for m in told)
    assert rows(db, "SELECT starts_at, sequence FROM meetings") == [
        ("2027-07-29T07:00:00+00:00", 1)
    ]
    assert rows(db, "SELECT count(*) FROM meeting_rsvps") == [(0,)]
    assert rows(db, "SELECT count(*) FROM reminders WHERE voided_at IS NULL") == [(6,)]
    assert rows(db, "SELECT count(*) FROM reminders WHERE voided_at IS NOT NULL") == [(6,)]
    stale = await bot.press(world.groups["Z-Park"], cards["Z-Park"], li, index=0)
    assert stale is not None and stale["show_alert"]
    assert rows(db, "SELECT count(*) FROM meeting_rsvps") == [(0,)]

    # The calendar file: same instant, stable UID, raised SEQUENCE.
    await bot.say(polytech, coordinator, f"/ics {meeting_id}")
    event = _event(bot, polytech.id)
    assert event.decoded("dtstart") == datetime(2027, 7, 29, 7, 0, tzinfo=UTC)
    assert str(event["uid"]) == f"meeting-{meeting_id}@parkbridge"
    assert int(event["sequence"]) == 1
    assert len(event.subcomponents) == 2  # one alarm per reminder offset

    # Cancel: every chat told, reminders voided, the calendar says CANCELLED.
    here = await bot.say(polytech, coordinator, f"/cancelmeeting {meeting_id} Weather")
    for group in world.groups.values():
        told = here if group is polytech else await bot.new_messages(group)
        assert any(f"#{meeting_id}" in m.plain and "Weather" in m.plain for m in told)
    assert rows(db, "SELECT status, cancel_reason FROM meetings") == [("cancelled", "Weather")]
    assert rows(db, "SELECT count(*) FROM reminders WHERE voided_at IS NULL") == [(0,)]
    await bot.say(polytech, coordinator, f"/ics {meeting_id}")
    assert str(_event(bot, polytech.id)["status"]) == "CANCELLED"


async def a_project(bot: Bot, clock: FrozenClock, title: str) -> int:
    """A joint project led by Polytech, to link meetings to."""
    store = bot.app.bot_data.db
    assert store is not None
    lead = await repositories(store).delegations.by_name("Polytech")
    assert lead is not None
    draft = ProjectDraft(title=title, summary="Tests", areas=["space"])
    draft.lead_id = lead.id
    return await repositories(store).projects.create(draft, COORDINATOR_ID, None, clock.now())


def _event(bot: Bot, chat_id: int):  # type: ignore[no-untyped-def]
    document = next(m.document for m in reversed(bot.sim.bot_messages(chat_id)) if m.document)
    assert document is not None and document.filename.endswith(".ics")
    calendar = Calendar.from_ical(document.content)
    [event] = calendar.walk("VEVENT")
    return event


async def test_bad_input_is_explained_and_changes_nothing(start_bot: BotFactory) -> None:
    bot, world, _clock = await started(start_bot)
    polytech = world.groups["Polytech"]
    coordinator = world.coordinator
    before = dump(bot.settings.database)
    await bot.say(polytech, coordinator, "/meet")
    await bot.answer(polytech, coordinator, "Budget")
    [refused] = await bot.answer(polytech, coordinator, "some day soon")
    assert "some day soon" in refused.plain and "завтра в 15:00" in refused.plain
    [refused] = await bot.answer(polytech, coordinator, "2020-01-01 10:00")
    assert "2020-01-01 10:00" in refused.plain
    [accepted] = await bot.answer(polytech, coordinator, "tomorrow 15:00")  # same step again
    assert "Tue 27 Jul" in accepted.plain
    await bot.answer(polytech, coordinator, "90")
    [refused] = await bot.answer(polytech, coordinator, "Atlantis, Polytech")
    assert "Atlantis" in refused.plain and "/delegations" in refused.plain
    [bye] = await bot.say(polytech, coordinator, "/cancel")
    assert "Nothing was saved" in bye.plain
    [refused] = await bot.say(polytech, coordinator, "/meet Budget | yesterday | 60 | Polytech")
    assert "Nothing was saved" in refused.plain
    [refused] = await bot.say(polytech, coordinator, "/reschedule 99 tomorrow 15:00")
    assert "#99" in refused.plain
    olga = world.members["Polytech"]
    [refused] = await bot.say(polytech, olga, "/meet")
    assert refused.plain == translator("ru").t(  # Olga reads Russian
        "Only coordinators and heads of a participating delegation can schedule meetings."
    )
    assert dump(bot.settings.database) == before


async def test_when_meetings_and_a_member_cannot_move_a_meeting(start_bot: BotFactory) -> None:
    bot, world, _clock = await started(start_bot)
    polytech = world.groups["Polytech"]
    [reading] = await bot.say(polytech, world.coordinator, "/when 明天下午3点 北京时间")
    assert "Shanghai 15:00" in reading.plain and "St Petersburg 10:00" in reading.plain
    before = dump(bot.settings.database)
    [refused] = await bot.say(polytech, world.coordinator, "/when когда-нибудь")
    assert "когда-нибудь" in refused.plain
    assert dump(bot.settings.database) == before
    meeting_id = await schedule_one_line(
        bot, world, polytech, f"Sync | 2027-07-28 15:00 | 45 | {ALL_NAMES} | Room 1"
    )
    olga = world.members["Polytech"]
    await bot.new_messages(polytech)
    [listing] = await bot.say(bot.sim.private_chat(olga), olga, "/meetings")
    assert f"#{meeting_id}" in listing.plain and "15:00" in listing.plain
    [refused] = await bot.say(polytech, olga, f"/cancelmeeting {meeting_id}")
    assert refused.plain == translator("ru").t(  # Olga reads Russian
        "Only the organiser and coordinators of its delegations can change this meeting."
    )
    assert rows(bot.settings.database, "SELECT status FROM meetings") == [("scheduled",)]
    [card] = await bot.say(polytech, olga, f"/meeting {meeting_id}")
    assert "Room 1" in card.plain and "St Petersburg 15:00" in card.plain
