"""A small world for the projects tests: three delegations homed in their own groups."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.delegations.rules import DelegationDraft
from bot.projects.rules import ProjectDraft
from bot.projects.stages import APPROVED, DISCUSSION, FUNDED, PROPOSED, REJECTED, WITHDRAWN
from simulator import SimChat, SimMessage, SimUser
from storage.database import Database
from storage.unit_of_work import repositories
from tests.database_dump import dump
from tests.e2e.conftest import Bot, BotFactory
from tests.fakes import FrozenClock

COORDINATOR_ID = 910001
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@dataclass
class World:
    """Z-Park (Li), Polytech (Olga head, Ivan member), Savonlinna (Mikko); Cora coordinates."""

    bot: Bot
    clock: FrozenClock
    people: dict[str, SimUser]
    homes: dict[str, SimChat]
    ids: dict[str, int]

    @property
    def db(self) -> Database:
        db = self.bot.app.bot_data.db
        assert db is not None
        return db

    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.bot.settings.database) as conn:
            return conn.execute(sql, params).fetchall()

    def dump(self) -> list[str]:
        return dump(self.bot.settings.database)

    def private(self, who: str) -> SimChat:
        return self.bot.sim.private_chat(self.people[who])

    async def say(self, who: str, text: str, chat: SimChat | None = None) -> list[SimMessage]:
        return await self.bot.say(chat or self.private(who), self.people[who], text)

    async def text(self, who: str, text: str, chat: SimChat | None = None) -> str:
        return "\n".join(m.plain for m in await self.say(who, text, chat))


SPECS = {
    "Z-Park": ("CN", "zh", "Asia/Shanghai", ["space", "biotech"], "li", ("zh", "en")),
    "Polytech": ("RU", "ru", "Europe/Moscow", ["space", "manufacturing"], "olga", ("ru", "en")),
    "Savonlinna": ("FI", "fi", "Europe/Helsinki", ["education"], "mikko", ("fi",)),
}


async def build_world(start_bot: BotFactory, **overrides: Any) -> World:
    clock = FrozenClock(NOW)
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}), clock=clock, **overrides)
    sim = bot.sim
    people = {
        "li": sim.add_user("Li", language_code="en"),
        "olga": sim.add_user("Olga", language_code="en"),
        "ivan": sim.add_user("Ivan", language_code="en"),
        "mikko": sim.add_user("Mikko", language_code="en"),
        "cora": sim.add_user("Cora", language_code="en", user_id=COORDINATOR_ID),
        "otto": sim.add_user("Otto", language_code="en"),
    }
    db = bot.app.bot_data.db
    assert db is not None
    for person in people.values():
        # As the bookkeeping handler will store them, so later writes are only the tests' own.
        await repositories(db).users.remember_user(
            person.id, person.first_name, person.username, "en"
        )
        await repositories(db).chats.remember_chat(person.id, "private", person.first_name)
        sim.private_chat(person)
    homes: dict[str, SimChat] = {}
    ids: dict[str, int] = {}
    everyone = list(people.values())
    for name, (country, language, zone, interests, head, languages) in SPECS.items():
        group = sim.add_group(f"{name} team", members=everyone)
        await repositories(db).chats.remember_chat(group.id, group.type, group.title or "")
        await repositories(db).chats.set_languages(group.id, list(languages))
        draft = DelegationDraft(
            name=name,
            organisation=f"{name} park",
            country=country,
            city="City",
            language=language,
            timezone=zone,
            interests=interests,
        )
        ids[name] = await repositories(db).delegations.create(
            draft, people[head].id, people[head].id
        )
        await repositories(db).delegations.link_chat(ids[name], group.id, people[head].id)
        homes[name] = group
    _, request = await repositories(db).delegations.request_to_join(
        ids["Polytech"], people["ivan"].id, None
    )
    assert request is not None
    await repositories(db).delegations.decide(request, True, people["olga"].id)
    return World(bot, clock, people, homes, ids)


async def propose(
    world: World,
    who: str,
    answers: list[str],
    chat: SimChat | None = None,
) -> list[SimMessage]:
    """/propose, then typed answers or `press:LABEL`; returns every bot message on the way."""
    bot = world.bot
    where = chat or world.private(who)
    person = world.people[who]
    seen = await bot.say(where, person, "/propose")
    for answer in answers:
        if answer.startswith("press:"):
            result = await bot.press_button(where, person, answer.removeprefix("press:"))
            assert result is None or not result.get("show_alert"), result
            seen += await bot.new_messages(where)
        elif where.type == "private":
            seen += await bot.say(where, person, answer)
        else:
            seen += await bot.answer(where, person, answer)
    return seen


STANDARD = [
    "Lunar regolith 3D printing",
    "Print building blocks from lunar regolith simulant; Polytech brings the printer.",
    "press:Space research",
    "press:Done",
    "press:Polytech",
    "press:Savonlinna",
    "press:Done",
    "250000.50 EUR",
    "2027-06-30",
]


async def stored_project(world: World, stage: str, title: str = "Stored project") -> int:
    """A project led by Z-Park with Polytech invited, moved to `stage` through the rules."""
    draft = ProjectDraft(
        title=title,
        summary="Summary",
        areas=["space"],
        lead_id=world.ids["Z-Park"],
        partner_ids=[world.ids["Polytech"]],
    )
    li = world.people["li"].id
    project_id = await repositories(world.db).projects.create(draft, li, None, NOW)
    path = {
        PROPOSED: [],
        DISCUSSION: [DISCUSSION],
        APPROVED: [DISCUSSION, APPROVED],
        FUNDED: [DISCUSSION, APPROVED, FUNDED],
        REJECTED: [REJECTED],
        WITHDRAWN: [WITHDRAWN],
    }[stage]
    for step in path:
        assert (await repositories(world.db).projects.move(project_id, step, li, "why", NOW)).done
    return project_id
