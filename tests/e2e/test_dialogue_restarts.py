"""Dialogues outlive the process: a restart mid-dialogue loses nothing a user typed."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

from bot.common.i18n import translator
from handlers.common.dialogue import sweep_dialogues
from tests.e2e.conftest import Bot, BotFactory
from tests.e2e.meeting_support import stop
from tests.fakes import FrozenClock

MONDAY = datetime(2027, 7, 26, 8, 0, tzinfo=UTC)
COORDINATOR = 900001


def rows(bot: Bot, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(bot.settings.database) as conn:
        return conn.execute(sql).fetchall()


async def restarted(first: Bot, start_bot: BotFactory, **settings: object) -> Bot:
    """Stop `first` as a process going down would, and start a new one on its database."""
    await stop(first)
    second = await start_bot(database=first.settings.database, **settings)
    second.seen = dict(first.seen)
    return second


async def test_a_group_registration_goes_on_after_a_restart(start_bot: BotFactory) -> None:
    first = await start_bot()
    admin = first.sim.add_user("Anna", language_code="en")
    group = first.sim.add_group("Joint", members=[admin])
    first.sim.set_admin(group, admin, "creator")
    await first.say(group, admin, "/register")
    for answer in ("TusPark", "Tsinghua Science Park", "CN", "Beijing"):
        await first.answer(group, admin, answer)
    [language_question] = first.sim.bot_messages(group)[-1:]
    assert "Which working language" in language_question.plain
    assert rows(first, "SELECT dialogue, chat_id FROM dialogue_drafts") == [("register", group.id)]

    second = await restarted(first, start_bot)
    # The language buttons were posted by the first process; pressing one still answers.
    answer = await second.press_button(group, admin, "中文")
    assert answer is None or not answer.get("show_alert"), answer
    [zone_question] = await second.new_messages(group)
    assert "Which time zone" in zone_question.plain
    await second.answer(group, admin, "Asia/Shanghai")
    await second.press_button(group, admin, "Information technology")
    await second.press_button(group, admin, "Done")
    await second.press_button(group, admin, "Skip")

    assert rows(
        second, "SELECT name, organisation, country, city, language, timezone FROM delegations"
    ) == [("TusPark", "Tsinghua Science Park", "CN", "Beijing", "zh", "Asia/Shanghai")]
    assert rows(second, "SELECT count(*) FROM dialogue_drafts") == [(0,)]


async def test_an_anonymous_admins_registration_goes_on_after_a_restart(
    start_bot: BotFactory,
) -> None:
    first = await start_bot()
    aino = first.sim.add_user("Aino", language_code="fi")
    group = first.sim.add_group("Savonlinna team", supergroup=True, members=[aino])
    first.sim.set_admin(group, aino, "creator")
    first.sim.post_as_chat(group, "/register")
    await first.new_messages(group)
    await first.answer(group, None, "Savonlinna")

    second = await restarted(first, start_bot)
    for answer in ("Business Services", "FI", "Savonlinna"):
        await second.answer(group, None, answer)
    await second.press_button(group, aino, "Suomi")  # the anonymous dialogue takes her press
    await second.press_button(group, aino, "Europe/Helsinki")
    await second.press_button(group, aino, translator("fi").t("Education"))
    await second.press_button(group, aino, translator("fi").t("Done"))
    await second.answer(group, None, "Palvelut")

    assert rows(second, "SELECT name, city, language, description FROM delegations") == [
        ("Savonlinna", "Savonlinna", "fi", "Palvelut")
    ]


async def test_a_dialogue_left_over_a_restart_is_closed_when_its_time_runs_out(
    start_bot: BotFactory,
) -> None:
    clock = FrozenClock(MONDAY)
    first = await start_bot(clock=clock, coordinators=frozenset({COORDINATOR}))
    anna = first.sim.add_user("Anna", language_code="ru", user_id=COORDINATOR)
    chat = first.sim.private_chat(anna)
    await first.say(chat, anna, "/register")
    [question] = await first.say(chat, anna, "Polytech technopark")
    assert (
        translator("ru").t(
            "Which park or organisation does it represent? For example: Zhongguancun Science Park"
        )
        in question.plain
    )

    clock.advance(timedelta(minutes=14))
    second = await restarted(first, start_bot, clock=clock, coordinators=frozenset({COORDINATOR}))
    await sweep_dialogues(second.app)
    assert await second.new_messages(chat) == []  # a minute is left: still open
    clock.advance(timedelta(minutes=2))
    await sweep_dialogues(second.app)
    [closed] = await second.new_messages(chat)
    assert closed.plain == translator("ru").t(
        "The registration waited too long and was closed. Nothing was saved."
    )
    assert rows(second, "SELECT count(*) FROM dialogue_drafts") == [(0,)]
    # The dialogue is over: the next message is not taken for the organisation's name.
    assert await second.say(chat, anna, "Polytechnic University") == []
    assert rows(second, "SELECT count(*) FROM delegations") == [(0,)]


async def test_a_draft_that_no_longer_fits_the_code_is_dropped_at_start(
    start_bot: BotFactory,
) -> None:
    first = await start_bot(coordinators=frozenset({COORDINATOR}))
    anna = first.sim.add_user("Anna", language_code="en", user_id=COORDINATOR)
    chat = first.sim.private_chat(anna)
    await first.say(chat, anna, "/register")
    [question] = await first.say(chat, anna, "Polytech technopark")
    assert "Which park or organisation" in question.plain
    await stop(first)
    with sqlite3.connect(first.settings.database) as conn:  # as if a form class was renamed
        conn.execute(
            "UPDATE dialogue_drafts SET body = replace(body, 'delegations.forms:Form', "
            "'delegations.forms:OldForm')"
        )

    second = await start_bot(
        database=first.settings.database, coordinators=frozenset({COORDINATOR})
    )
    second.seen = dict(first.seen)
    # The bot runs, and the text is not taken for an answer to a dialogue it cannot read.
    assert await second.say(chat, anna, "Polytechnic University") == []
    assert rows(second, "SELECT count(*) FROM dialogue_drafts") == [(0,)]
    [again] = await second.say(chat, anna, "/register")
    assert "What is the delegation's name?" in again.plain
