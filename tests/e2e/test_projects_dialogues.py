"""Projects' dialogues in groups: replies only, anonymous admins, one at a time, stale buttons."""

from __future__ import annotations

from bot.common.i18n import translator
from bot.common.roles import ANONYMOUS_ADMIN_ID
from bot.projects.stages import DISCUSSION, PROPOSED
from simulator import SimChat, SimMessage
from tests.e2e.conftest import BotFactory
from tests.e2e.project_support import World, build_world, propose, stored_project

EN = translator("en")
ANOTHER_DIALOGUE = EN.t(
    "You are in the middle of another dialogue here: answer its question, or send "
    "/cancel to drop it first."
)
REJECT_QUESTION = "Why is project #{id} rejected?"


def stage_and_events(world: World, project_id: int) -> list[tuple[object, ...]]:
    """What a rejection would change: the stage and the history."""
    return world.rows("SELECT stage FROM projects WHERE id = ?", project_id) + world.rows(
        "SELECT action, actor_id, reason FROM project_events WHERE project_id = ? ORDER BY id",
        project_id,
    )


async def card_in(world: World, who: str | None, project_id: int, chat: SimChat) -> SimMessage:
    """/project ID in a group, as a person or (None) as an anonymous admin; the buttoned part."""
    if who is None:
        world.bot.sim.post_as_chat(chat, f"/project {project_id}")
        sent = await world.bot.new_messages(chat)
    else:
        sent = await world.say(who, f"/project {project_id}", chat)
    return next(m for m in reversed(sent) if m.flat_buttons)


def button(message: SimMessage, prefix: str) -> str:
    return next(
        b["callback_data"] for b in message.flat_buttons if b["callback_data"].startswith(prefix)
    )


async def test_a_remark_in_a_group_is_no_reason_and_the_reason_is_confirmed(
    start_bot: BotFactory,
) -> None:
    world = await build_world(start_bot)
    bot = world.bot
    bot.sim.can_read_all_group_messages = True  # the bot sees every message in the group
    zpark, li, olga = world.homes["Z-Park"], world.people["li"], world.people["olga"]
    bot.sim.set_admin(zpark, li, "administrator")  # the lead's home chat: Li coordinates here
    project_id = await stored_project(world, DISCUSSION)
    await bot.new_messages(zpark)
    card = await card_in(world, "li", project_id, zpark)
    await bot.press(zpark, card, li, data=button(card, "px:"))
    [question] = await bot.new_messages(zpark)
    assert REJECT_QUESTION.format(id=project_id) in question.plain
    before = stage_and_events(world, project_id)
    bot.sim.post(zpark, li, "Lunch at noon, anyone?")  # to colleagues, not a reply
    assert await bot.new_messages(zpark) == []
    bot.sim.post(zpark, olga, "Why would we?", reply_to=question.message_id)  # not the asker
    assert await bot.new_messages(zpark) == []
    assert stage_and_events(world, project_id) == before
    [shown] = await bot.answer(zpark, li, "Duplicates project 7")
    assert "Duplicates project 7" in shown.plain and shown.reply_to is not None
    assert stage_and_events(world, project_id) == before  # not before Confirm
    stolen = await bot.press(zpark, shown, olga, index=0)  # someone else's Confirm
    assert stolen is not None and stolen["text"] == EN.t("This button is no longer valid.")
    assert stage_and_events(world, project_id) == before
    await bot.press(zpark, shown, li, index=0)
    assert world.rows("SELECT stage FROM projects WHERE id = ?", project_id) == [("rejected",)]
    assert world.rows(
        "SELECT actor_id, reason FROM project_events WHERE project_id = ? ORDER BY id DESC LIMIT 1",
        project_id,
    ) == [(li.id, "Duplicates project 7")]


async def test_cancel_at_the_confirmation_changes_nothing(start_bot: BotFactory) -> None:
    world = await build_world(start_bot)
    bot = world.bot
    cora, chat = world.people["cora"], world.private("cora")
    project_id = await stored_project(world, PROPOSED)
    card = await card_in(world, "cora", project_id, chat)
    before = stage_and_events(world, project_id)
    await bot.press(chat, card, cora, data=button(card, "px:"))
    await bot.press(chat, card, cora, data=button(card, "px:"))  # a double tap asks once
    assert len(await bot.new_messages(chat)) == 1
    [shown] = await bot.say(chat, cora, "Not now")
    await bot.press(chat, shown, cora, index=1)
    [told] = await bot.new_messages(chat)
    assert told.plain == EN.t("Nothing was changed: the project stays as it was.")
    assert stage_and_events(world, project_id) == before
    assert await bot.say(chat, cora, "Not now either") == []  # the dialogue is over


async def test_an_anonymous_admin_rejects_with_a_reason(start_bot: BotFactory) -> None:
    world = await build_world(start_bot)
    bot = world.bot
    bot.sim.can_read_all_group_messages = True
    zpark, otto = world.homes["Z-Park"], world.people["otto"]
    bot.sim.set_admin(zpark, otto, "administrator")  # posts as the group, presses as himself
    project_id = await stored_project(world, DISCUSSION)
    await bot.new_messages(zpark)
    card = await card_in(world, None, project_id, zpark)
    await bot.press(zpark, card, otto, data=button(card, "px:"))
    [question] = await bot.new_messages(zpark)
    assert REJECT_QUESTION.format(id=project_id) in question.plain
    before = stage_and_events(world, project_id)
    bot.sim.post_as_chat(zpark, "We should talk about it first")  # no reply: conversation
    assert await bot.new_messages(zpark) == []
    [shown] = await bot.answer(zpark, None, "Not for this programme")  # anonymously, a reply
    assert "Not for this programme" in shown.plain and shown.flat_buttons
    assert stage_and_events(world, project_id) == before
    await bot.press(zpark, shown, otto, index=0)
    assert world.rows("SELECT stage FROM projects WHERE id = ?", project_id) == [("rejected",)]
    # The history keeps the administrator anonymous, as Telegram does.
    assert world.rows(
        "SELECT actor_id, reason FROM project_events WHERE project_id = ? ORDER BY id DESC LIMIT 1",
        project_id,
    ) == [(ANONYMOUS_ADMIN_ID, "Not for this programme")]
    told = "\n".join(m.plain for m in await bot.new_messages(zpark))
    assert "Not for this programme" in told and "Otto" not in told


async def test_one_dialogue_at_a_time(start_bot: BotFactory) -> None:
    world = await build_world(start_bot)
    bot = world.bot
    zpark, li = world.homes["Z-Park"], world.people["li"]
    bot.sim.set_admin(zpark, li, "administrator")  # may /register and reject here
    await bot.new_messages(zpark)
    # /propose, then /register: refused, and the proposal's answers still go to the proposal.
    [first] = await world.say("li", "/propose", zpark)
    [refused] = await world.say("li", "/register", zpark)
    assert refused.plain == ANOTHER_DIALOGUE
    bot.sim.post(zpark, li, "Orbital enzymes", reply_to=first.message_id)
    [asked] = await bot.new_messages(zpark)
    assert "Describe the project" in asked.plain
    await world.say("li", "/cancel", zpark)
    # /register, then /propose: refused the other way round.
    await world.say("li", "/register", zpark)
    [refused] = await world.say("li", "/propose", zpark)
    assert refused.plain == ANOTHER_DIALOGUE
    await world.say("li", "/cancel", zpark)
    # A rejection in progress, then /propose; a proposal in progress, then ⛔.
    project_id = await stored_project(world, PROPOSED)
    card = await card_in(world, "li", project_id, zpark)
    await bot.press(zpark, card, li, data=button(card, "px:"))
    await bot.new_messages(zpark)
    [refused] = await world.say("li", "/propose", zpark)
    assert refused.plain == ANOTHER_DIALOGUE
    await world.say("li", "/cancel", zpark)
    await world.say("li", "/propose", zpark)
    answer = await bot.press(zpark, card, li, data=button(card, "px:"))
    assert answer is None or not answer.get("show_alert")
    [refused] = await bot.new_messages(zpark)
    assert refused.plain == ANOTHER_DIALOGUE
    assert world.rows("SELECT stage FROM projects WHERE id = ?", project_id) == [("proposed",)]


async def test_a_file_mid_dialogue_is_asked_again_as_text(start_bot: BotFactory) -> None:
    world = await build_world(start_bot)
    bot = world.bot
    li, chat = world.people["li"], world.private("li")
    await bot.say(chat, li, "/propose")
    bot.sim.post(chat, li, "the plan", caption_media=("plan.pdf", b"%PDF-1.4"))
    [again] = await bot.new_messages(chat)
    assert again.plain == EN.t("Please answer with text, or send /cancel to stop.")
    await bot.say(chat, li, "/cancel")
    cora, cora_chat = world.people["cora"], world.private("cora")
    project_id = await stored_project(world, PROPOSED)
    card = await card_in(world, "cora", project_id, cora_chat)
    await bot.press(cora_chat, card, cora, data=button(card, "px:"))
    await bot.new_messages(cora_chat)
    bot.sim.post(cora_chat, cora, "why", caption_media=("why.pdf", b"%PDF-1.4"))
    [again] = await bot.new_messages(cora_chat)
    assert again.plain == EN.t("Please answer with text, or send /cancel to stop.")


async def test_a_double_tap_on_skip_skips_one_step(start_bot: BotFactory) -> None:
    world = await build_world(start_bot)
    bot = world.bot
    li, chat = world.people["li"], world.private("li")
    steps = ["Title of it", "Summary of it", "press:Space research", "press:Done", "press:Done"]
    await propose(world, "li", steps)
    funding = bot.sim.bot_messages(chat)[-1]
    skip = funding.flat_buttons[0]["callback_data"]
    await bot.press(chat, funding, li, data=skip)
    [target] = await bot.new_messages(chat)
    assert "By which date" in target.plain
    again = await bot.press(chat, funding, li, data=skip)  # the same Skip once more
    assert again is not None and again["text"] == EN.t("This button is no longer valid.")
    assert await bot.new_messages(chat) == []
    await bot.say(chat, li, "2027-06-30")
    assert world.rows("SELECT amount_minor, target_date FROM projects") == [(None, "2027-06-30")]


async def test_in_a_group_only_replies_to_the_question_answer_a_proposal(
    start_bot: BotFactory,
) -> None:
    world = await build_world(start_bot)
    bot = world.bot
    bot.sim.can_read_all_group_messages = True
    polytech, olga = world.homes["Polytech"], world.people["olga"]
    await bot.new_messages(polytech)
    await world.say("olga", "/propose", polytech)
    bot.sim.post(polytech, olga, "Ivan, what should we call it?")  # not a reply: no answer
    assert await bot.new_messages(polytech) == []
    [asked] = await bot.answer(polytech, olga, "Robot welding of hull panels")
    assert "Describe the project" in asked.plain
    before = world.dump()
    bot.sim.post(polytech, olga, "Short, I think", reply_to=asked.message_id - 2)  # old message
    assert await bot.new_messages(polytech) == []
    assert world.dump() == before
