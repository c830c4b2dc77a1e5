"""Editing an old message into a command runs nothing: no answer, no change, no dialogue lost."""

from __future__ import annotations

import pytest

from bot.app.handler_groups import feature_routes
from bot.projects.stages import PROPOSED
from simulator import SimChat, SimUser
from tests.e2e.conftest import BotFactory
from tests.e2e.project_support import World, build_world, stored_project

# Every command a route table serves, and /cancel, which every dialogue and the catch-all serve.
COMMANDS = sorted({c.name for table in feature_routes() for c in table.commands} | {"cancel"})
# What the bot does in answer to anything: none of these may follow an edit.
ACTIONS = (
    "sendMessage",
    "editMessageText",
    "editMessageReplyMarkup",
    "sendDocument",
    "deleteMessage",
    "answerCallbackQuery",
)


async def edit_into(world: World, chat: SimChat, who: SimUser, text: str) -> list[str]:
    """Post a plain remark, then edit it into `text`; the bot's calls after the edit."""
    sim = world.bot.sim
    remark = sim.post(chat, who, "see you all tomorrow")
    await world.bot.settle()
    sim.edit(chat, remark["message_id"], text)
    await world.bot.settle()
    return [call.method for call in sim.calls_since_mark() if call.method in ACTIONS]


def test_the_table_covers_the_commands_people_use() -> None:
    assert {"stage", "help", "meetings", "cancel", "register", "meet", "propose"} <= set(COMMANDS)
    assert len(COMMANDS) >= 35


@pytest.mark.parametrize("where", ["private", "group"])
async def test_no_edited_command_answers_or_changes_anything(
    start_bot: BotFactory, where: str
) -> None:
    world = await build_world(start_bot)
    project = await stored_project(world, PROPOSED)
    cora = world.people["cora"]  # a configured coordinator: every command is hers to use
    chat = world.private("cora") if where == "private" else world.homes["Z-Park"]
    before = world.dump()
    for name in COMMANDS:
        answered = await edit_into(world, chat, cora, f"/{name} {project} discussion")
        assert answered == [], f"an edit into /{name} in a {where} chat made the bot {answered}"
    assert world.dump() == before
    assert world.rows("SELECT stage FROM projects WHERE id = ?", project) == [(PROPOSED,)]


async def test_an_edit_into_cancel_leaves_the_open_dialogue_open(start_bot: BotFactory) -> None:
    world = await build_world(start_bot)
    olga = world.people["olga"]
    chat = world.private("olga")
    sim = world.bot.sim
    remark = sim.post(chat, olga, "see you all tomorrow")  # written before the dialogue opens
    await world.bot.new_messages(chat)
    [question] = await world.bot.say(chat, olga, "/propose")
    assert "title" in question.plain.lower()
    sim.edit(chat, remark["message_id"], "/cancel")
    assert await world.bot.new_messages(chat) == []
    [next_question] = await world.bot.say(chat, olga, "Lunar regolith 3D printing")
    assert "title" not in next_question.plain.lower()  # the dialogue went on to its next step
