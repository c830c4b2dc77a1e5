"""Every cell of the README's permission matrix, end to end (command × role → outcome)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

import pytest

from bot.delegations.rules import DelegationDraft
from simulator import SimChat, SimUser
from storage.unit_of_work import repositories
from tests.e2e.conftest import Bot, BotFactory

ROLES = ("coordinator", "home admin", "head", "member", "outsider")
REFUSED = "Only heads of Polytech and coordinators can do this."
COORDINATOR_ID = 700001
MANAGE = {"coordinator": "done", "home admin": "done", "head": "done"} | dict.fromkeys(
    ("member", "outsider"), "refused"
)
CHAT_ADMIN = {"coordinator": "done", "home admin": "done"} | dict.fromkeys(
    ("head", "member", "outsider"), "refused"
)
# (command, role) → expected outcome; the README's matrix says the same in words.
# "coordinator" is configured in PARKBRIDGE_COORDINATORS; "home admin" administers Joint,
# Polytech's home chat; "outsider" administers a group of their own ("Other") and is a
# plain member of Joint. Commands are sent in Joint unless the name says "elsewhere".
MATRIX: dict[str, dict[str, str]] = {
    "start": dict.fromkeys(ROLES, "done"),
    "help": dict.fromkeys(ROLES, "done"),
    "language": dict.fromkeys(ROLES, "done"),
    "tr": dict.fromkeys(ROLES, "done"),
    "settings": CHAT_ADMIN,
    "autotranslate": CHAT_ADMIN,
    "glossary": CHAT_ADMIN,
    "register": CHAT_ADMIN,
    "delegations": dict.fromkeys(ROLES, "done"),
    "delegation": dict.fromkeys(ROLES, "done"),
    "members": dict.fromkeys(ROLES, "done"),
    "join": dict.fromkeys(ROLES, "done") | {"head": "already", "member": "already"},
    "approve": MANAGE,
    "editdelegation": MANAGE,
    "invite": MANAGE,
    "promote": MANAGE,
    "demote": MANAGE,
    "leave": dict.fromkeys(ROLES, "not member") | {"head": "last head", "member": "done"},
    "linkchat elsewhere": MANAGE | {"home admin": "refused"},
    "editdelegation elsewhere": MANAGE | {"home admin": "refused"},
    "invite elsewhere": MANAGE | {"home admin": "refused"},
    "promote elsewhere": MANAGE | {"home admin": "refused"},
    "demote elsewhere": MANAGE | {"home admin": "refused"},
}
GREETING = "Good morning, dear colleagues"
LANGUAGE_BUTTONS = ["English", "Русский", "中文", "Suomi"]
CELLS = [(command, role) for command, by_role in MATRIX.items() for role in by_role]


@dataclass
class World:
    """A delegation 'Polytech' homed in 'Joint', with one person in each role."""

    bot: Bot
    joint: SimChat
    other: SimChat
    people: dict[str, SimUser]
    polytech_id: int

    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.bot.settings.database) as conn:
            return conn.execute(sql, params).fetchall()


async def build_world(bot: Bot) -> World:
    sim = bot.sim
    people = {
        "coordinator": sim.add_user("Cora", language_code="en", user_id=COORDINATOR_ID),
        "home admin": sim.add_user("Adam", language_code="en"),
        "head": sim.add_user("Hanna", language_code="en"),
        "member": sim.add_user("Max", language_code="en"),
        "outsider": sim.add_user("Otto", language_code="en"),
        "applicant": sim.add_user("Jane", language_code="en"),
    }
    everyone = list(people.values())
    joint = sim.add_group("Joint", members=everyone)
    other = sim.add_group("Other", members=everyone)
    sim.set_admin(joint, people["home admin"], "administrator")
    sim.set_admin(other, people["outsider"], "administrator")
    db = bot.app.bot_data.db
    assert db is not None
    for person in everyone:
        await repositories(db).users.remember_user(person.id, person.first_name, None, "en")
        sim.private_chat(person)
    draft = DelegationDraft(
        name="Polytech",
        organisation="Polytechnic technopark",
        country="RU",
        city="St. Petersburg",
        language="ru",
        timezone="Europe/Moscow",
        interests=["space"],
    )
    polytech = await repositories(db).delegations.create(
        draft, people["coordinator"].id, people["head"].id
    )
    request = await repositories(db).delegations.request_to_join(
        polytech, people["member"].id, None
    )
    assert request[1] is not None
    await repositories(db).delegations.decide(request[1], True, people["head"].id)
    await bot.say(joint, people["head"], "/linkchat Polytech")
    return World(bot, joint, other, people, polytech)


async def run_cell(world: World, command: str, role: str) -> str:
    """Perform `command` as `role` and classify what the user saw and what was stored."""
    bot, joint, actor = world.bot, world.joint, world.people[role]
    if command == "approve":
        applicant = world.people["applicant"]
        await bot.say(joint, applicant, "/join Polytech")
        answer = await bot.press_button(joint, actor, "✅")  # Approve, in the chat's language
        member = world.rows(
            "SELECT 1 FROM delegation_members WHERE user_id = ? AND left_at IS NULL",
            applicant.id,
        )
        if member:
            return "done"
        assert answer is not None and answer["show_alert"]
        return "refused" if answer["text"] == REFUSED else f"other: {answer['text']}"
    texts = {
        "register": "/register New park | New org | FI | Oulu | fi | Europe/Helsinki | it",
        "settings": "/settings timezone Asia/Tokyo",
        "start": "/start",
        "help": "/help",
        "language": "/language",
        "tr": f"/tr fi {GREETING}",
        "autotranslate": "/autotranslate on",
        "glossary": "/glossary add Savonlinna",
    }
    chat = world.other if command.endswith(" elsewhere") else joint
    command = command.removesuffix(" elsewhere")
    replies = await bot.say(chat, actor, texts.get(command, f"/{command} Polytech"))
    text = "\n".join(message.plain for message in replies)
    if REFUSED in text or "Only coordinators can" in text:
        return "refused"
    if "already a member" in text:
        return "already"
    if "not a member" in text:
        return "not member"
    if "last head" in text:
        return "last head"
    done = {
        "register": lambda: world.rows("SELECT 1 FROM delegations WHERE name = 'New park'"),
        "delegations": lambda: "Polytech" in text,
        "delegation": lambda: "Organisation: Polytechnic technopark" in text,
        "members": lambda: "Hanna" in text and "Max" in text,
        "join": lambda: world.rows(
            "SELECT 1 FROM join_requests WHERE user_id = ? AND status = 'pending'", actor.id
        ),
        "editdelegation": lambda: any("City" in b["text"] for m in replies for b in m.flat_buttons),
        "invite": lambda: any(
            "?start=inv_" in m.plain for m in bot.sim.bot_messages(bot.sim.private_chat(actor))
        ),
        "settings": lambda: world.rows("SELECT 1 FROM chats WHERE timezone = 'Asia/Tokyo'"),
        "start": lambda: "Hello! I am parkbridge, the coordination bot of this group." in text,
        "help": lambda: "Commands you can use here" in text and "/language" in text,
        "language": lambda: (
            "Choose your language:" in text
            and [b["text"] for m in replies for b in m.flat_buttons] == LANGUAGE_BUTTONS
        ),
        "tr": lambda: text == f"🇫🇮 FI [fi] {GREETING}",
        "autotranslate": lambda: world.rows(
            "SELECT 1 FROM chats WHERE id = ? AND autotranslate = 1", joint.id
        ),
        "glossary": lambda: world.rows(
            "SELECT 1 FROM glossary WHERE chat_id = ? AND term = 'Savonlinna' AND added_by = ?",
            joint.id,
            actor.id,
        ),
        "promote": lambda: any("Max" in b["text"] for m in replies for b in m.flat_buttons),
        "demote": lambda: any("Hanna" in b["text"] for m in replies for b in m.flat_buttons),
        "leave": lambda: world.rows(
            "SELECT 1 FROM delegation_members WHERE user_id = ? AND left_at IS NOT NULL", actor.id
        ),
        "linkchat": lambda: world.rows(
            "SELECT 1 FROM delegations WHERE id = ? AND home_chat_id = ?",
            world.polytech_id,
            world.other.id,
        ),
    }
    return "done" if done[command]() else f"other: {text}"


@pytest.mark.parametrize(("command", "role"), CELLS)
async def test_permission_matrix(start_bot: BotFactory, command: str, role: str) -> None:
    world = await build_world(await start_bot(coordinators=frozenset({COORDINATOR_ID})))
    assert await run_cell(world, command, role) == MATRIX[command][role]
