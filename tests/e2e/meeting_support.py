"""Shared set-up for the meeting tests: three delegations, their home groups and members."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from simulator import SimChat, SimUser
from storage.unit_of_work import repositories
from tests.e2e.conftest import Bot

COORDINATOR_ID = 910001
DELEGATIONS = (
    # name, one-line registration, group title, group language, zone
    (
        "Z-Park",
        "Z-Park | Zhongguancun Science Park | CN | Beijing | zh | Asia/Shanghai | space",
        "Z-Park group",
        "zh",
        "Asia/Shanghai",
    ),
    (
        "Polytech",
        "Polytech | Polytech technopark | RU | St Petersburg | ru | Europe/Moscow | it",
        "Polytech group",
        "ru",
        "Europe/Moscow",
    ),
    (
        "Savonlinna Business",
        "Savonlinna Business | Savonlinna Business Services | FI | Savonlinna | fi | "
        "Europe/Helsinki | energy",
        "Savonlinna group",
        "fi",
        "Europe/Helsinki",
    ),
)
ALL_NAMES = ", ".join(d[0] for d in DELEGATIONS)


@dataclass
class World:
    """The people and chats of a meeting test."""

    coordinator: SimUser
    groups: dict[str, SimChat]  # by delegation name
    members: dict[str, SimUser]  # one plain member per delegation
    outsider: SimUser


def rows(path: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    """Read the database the way an operator would."""
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, params).fetchall()


async def three_delegations(bot: Bot) -> World:
    """Register Z-Park, Polytech and Savonlinna Business, link a group each, add a member each."""
    sim = bot.sim
    coordinator = sim.add_user("Coordinator", language_code="en", user_id=COORDINATOR_ID)
    private = sim.private_chat(coordinator)
    groups: dict[str, SimChat] = {}
    members: dict[str, SimUser] = {}
    people = {
        "Z-Park": ("Li", "zh-hans"),
        "Polytech": ("Olga", "ru"),
        "Savonlinna Business": ("Mikko", "fi"),
    }
    for name, line, title, language, zone in DELEGATIONS:
        await bot.say(private, coordinator, f"/register {line}")
        first, code = people[name]
        member = sim.add_user(first, language_code=code)
        group = sim.add_group(title, members=[coordinator, member])
        sim.set_admin(group, coordinator, "creator")
        await bot.say(group, coordinator, f"/settings languages {language}")
        await bot.say(group, coordinator, f"/settings timezone {zone}")
        await bot.say(group, coordinator, f"/linkchat {name}")
        found = await repositories(bot.app.bot_data.db).delegations.by_name(name)  # type: ignore[arg-type]
        assert found is not None and found.home_chat_id == group.id
        token = f"tok{found.id}abcdef"
        clock_now = bot.app.bot_data.clock.now()
        await repositories(bot.app.bot_data.db).delegations.create_invite(  # type: ignore[arg-type]
            found.id,
            COORDINATOR_ID,
            token,
            clock_now + timedelta(days=365),
        )
        member_chat = sim.private_chat(member)
        await bot.say(member_chat, member, f"/start inv_{token}")
        assert (
            await repositories(bot.app.bot_data.db).delegations.role_of(
                found.id,
                member.id,  # type: ignore[arg-type]
            )
            == "member"
        )
        groups[name] = group
        members[name] = member
    outsider = sim.add_user("Otto", language_code="en")
    await bot.say(sim.private_chat(outsider), outsider, "/start")
    return World(coordinator, groups, members, outsider)


async def schedule_one_line(bot: Bot, world: World, chat: SimChat, line: str) -> int:
    """/meet in one line, then Save; returns the new meeting's id."""
    await bot.say(chat, world.coordinator, f"/meet {line}")
    answer = await bot.press_button(chat, world.coordinator, "Save")
    assert answer is not None and not answer.get("show_alert"), answer
    await bot.settle()
    found = rows(bot.settings.database, "SELECT max(id) FROM meetings")
    return int(found[0][0])  # type: ignore[arg-type]


async def stop(bot: Bot) -> None:
    """Stop polling and the job queue, as a process that goes down would."""
    await bot.app.updater.stop()  # type: ignore[union-attr]
    await bot.app.stop()
