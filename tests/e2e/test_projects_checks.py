"""Projects end to end: forged presses, illegal moves, bad input, support, reject and withdraw."""

from __future__ import annotations

from bot.common.i18n import translator
from bot.projects.stages import (
    APPROVED,
    DISCUSSION,
    PROPOSED,
    REJECTED,
    STAGES,
    WITHDRAWN,
    allowed_moves,
    moves_text,
)
from storage.unit_of_work import repositories
from tests.e2e.conftest import BotFactory
from tests.e2e.project_support import NOW, STANDARD, build_world, propose, stored_project

EN = translator("en")


async def test_forged_and_stale_presses_change_nothing(start_bot: BotFactory) -> None:
    world = await build_world(start_bot)
    bot = world.bot
    await propose(world, "li", STANDARD)
    savonlinna = world.homes["Savonlinna"]
    [own_invitation] = await bot.new_messages(savonlinna)
    before = world.dump()
    mikko = world.people["mikko"]
    polytech_id, project = world.ids["Polytech"], 1
    forged = [
        f"pp:1:{project}:{polytech_id}:a",  # Savonlinna's head answering for Polytech
        f"pp:1:{project}:{world.ids['Z-Park']}:a",  # the lead was never invited
        f"pp:1:99:{world.ids['Savonlinna']}:a",  # no such project
        f"pp:1:{project}:{world.ids['Savonlinna']}:x",  # no such answer
        f"pp:2:{project}:{world.ids['Savonlinna']}:a",  # another version
        "pp:1:1",
        f"ps:1:{project}:{APPROVED}",  # not a coordinator
        f"ps:1:{project}:{WITHDRAWN}",  # not the proposer nor a head of the lead
        f"ps:1:{project}:nonsense",
        f"px:1:{project}",  # reject: coordinators only
        "pu:1:99",
        "pl:1:0:magic:-:-:-",
        "ph:1:x",
    ]
    for data in forged:
        answer = await bot.press(savonlinna, own_invitation, mikko, data=data)
        assert answer is not None and answer["show_alert"], data
        assert answer["text"], data
        assert world.dump() == before, data
    # Ids that str.isdigit() accepts but int() or SQLite do not: the same polite refusal.
    polite = EN.t("This button is no longer valid.")
    for data in [
        f"ps:1:²:{APPROVED}",
        f"ps:1:99999999999999999999999:{APPROVED}",
        "pu:1:²",
        "ph:1:²",
        "px:1:²",
        "px:1:99999999999999999999999",
        f"pp:1:²:{world.ids['Savonlinna']}:a",
        f"pp:1:{project}:²:a",
        "pl:1:0:-:-:99999999999999999999999:-",
        "pl:1:0:-:-:²:-",
        "pl:1:²:-:-:-:-",
        "pl:1:99999999999999999999:-:-:-:-",
        f"pr:1:ok:{project}",  # Confirm of a rejection that is not in progress
        "pd:1:skip",  # a proposal's button with no proposal open
    ]:
        answer = await bot.press(savonlinna, own_invitation, mikko, data=data)
        assert answer is not None and answer["text"] == polite, (data, answer)
        assert world.dump() == before, data
    for command in ("/project ²", "/history ²", "/support ²", "/suggest ²", "/stage ² approved"):
        text = await world.text("mikko", command)
        assert text == EN.t("There is no project #{id}. /projects lists them all.", id="²"), text
    huge = "99999999999999999999999"
    assert f"There is no project #{huge}" in await world.text("mikko", f"/project #{huge}")
    assert world.dump() == before
    olga = world.people["olga"]
    answer = await bot.press(savonlinna, own_invitation, olga, index=0)
    assert answer is not None and answer["text"] == (
        "Only heads of Savonlinna and coordinators can answer for it."
    )
    assert world.dump() == before


async def test_every_illegal_stage_move_is_refused_naming_the_allowed_ones(
    start_bot: BotFactory,
) -> None:
    world = await build_world(start_bot)
    for stage in STAGES:
        project_id = await stored_project(world, stage)
        for target in STAGES:
            if target in allowed_moves(stage):
                continue
            before = world.dump()
            who = "li" if target == WITHDRAWN else "cora"  # each move asked by someone allowed
            text = await world.text(who, f"/stage {project_id} {target} because")
            assert "cannot move to" in text, (stage, target, text)
            assert moves_text(EN, project_id, stage).replace("<b>", "") in text, (stage, target)
            assert world.dump() == before, (stage, target)
    # Approving twice and funding a rejected project, in the words of the issue:
    twice = await stored_project(world, APPROVED)
    assert "Allowed moves: 💰 Funded" in await world.text("cora", f"/stage {twice} approve")
    rejected = await stored_project(world, REJECTED)
    assert "final stage" in await world.text("cora", f"/stage {rejected} fund")


async def test_who_may_move_and_why_a_rejection_needs_a_reason(start_bot: BotFactory) -> None:
    world = await build_world(start_bot)
    project_id = await stored_project(world, PROPOSED)
    before = world.dump()
    refused = await world.text("olga", f"/stage {project_id} discussion")
    assert "Only coordinators of the delegations in project" in refused
    assert "Only the proposer" in await world.text("olga", f"/stage {project_id} withdrawn")
    assert "Say why it is rejected" in await world.text("cora", f"/stage {project_id} rejected")
    assert "Which stage?" in await world.text("cora", f"/stage {project_id} sideways")
    assert "There is no project #77" in await world.text("cora", "/stage 77 approved")
    assert world.dump() == before
    # An administrator of an involved home chat coordinates there, and only there.
    zpark, other = world.homes["Z-Park"], world.homes["Savonlinna"]
    world.bot.sim.set_admin(zpark, world.people["otto"], "administrator")
    world.bot.sim.set_admin(other, world.people["otto"], "administrator")
    assert "Only coordinators" not in await world.text(
        "otto", f"/stage {project_id} discussion", zpark
    )
    assert world.rows("SELECT stage FROM projects WHERE id = ?", project_id) == [("discussion",)]
    # A partner that is only invited has no say: its home chat's admins may not move it.
    polytech = world.homes["Polytech"]
    world.bot.sim.set_admin(polytech, world.people["otto"], "administrator")
    await world.bot.new_messages(polytech)
    [card] = [m for m in await world.say("otto", f"/project {project_id}", polytech)]
    translator = world.bot.app.bot_data.translator
    assert translator is not None
    await translator.cache.flush()  # the card's title translations are written in a batch
    before = world.dump()  # after the card, which stored the title's translations
    refused = await world.text("otto", f"/stage {project_id} approved", polytech)
    assert "Only coordinators of the delegations in project" in refused
    refused = await world.text("otto", f"/stage {project_id} rejected not for us", polytech)
    assert "Only coordinators of the delegations in project" in refused
    assert not any(b["callback_data"].startswith(("ps:", "px:")) for b in card.flat_buttons)
    otto = world.people["otto"]
    for data in (f"ps:1:{project_id}:{APPROVED}", f"px:1:{project_id}"):
        answer = await world.bot.press(polytech, card, otto, data=data)
        assert answer is not None and "Only coordinators" in answer["text"], data
    assert world.dump() == before
    # Once Polytech accepts, its home chat's administrators coordinate the project there.
    await repositories(world.db).projects.answer(project_id, world.ids["Polytech"], True, 1, NOW)
    assert "Only coordinators" not in await world.text(
        "otto", f"/stage {project_id} approved", polytech
    )
    assert world.rows("SELECT stage FROM projects WHERE id = ?", project_id) == [("approved",)]


async def test_reject_by_button_asks_for_the_reason_and_withdraw_by_the_proposer(
    start_bot: BotFactory,
) -> None:
    world = await build_world(start_bot)
    bot = world.bot
    first = await stored_project(world, DISCUSSION, "To reject")
    cora, chat = world.people["cora"], world.private("cora")
    await world.say("cora", f"/project {first}")
    await bot.press_button(chat, cora, "⛔ Rejected")
    [question] = await bot.new_messages(chat)
    assert "Why is project #1 rejected?" in question.plain
    before = world.dump()
    [again] = await bot.say(chat, cora, "x" * 501)
    assert "the limit is 500" in again.plain and world.dump() == before
    # The reason is shown back first: rejection is final, so it takes a Confirm.
    [shown] = await bot.say(chat, cora, "Out of scope")
    assert "Out of scope" in shown.plain and world.dump() == before
    [changed] = await bot.say(chat, cora, "Outside the programme's scope")  # a better reason
    stale = await bot.press(chat, shown, cora, index=0)  # Confirm under the first reason
    assert stale is not None and stale["text"] == EN.t("This button is no longer valid.")
    assert world.dump() == before
    assert [b["text"] for b in changed.flat_buttons] == ["⛔ " + EN.t("Confirm"), EN.t("Cancel")]
    confirm = changed.flat_buttons[0]["callback_data"]
    await bot.press(chat, changed, cora, data=confirm)
    assert world.rows("SELECT stage FROM projects WHERE id = ?", first) == [("rejected",)]
    assert bot.sim.message(chat.id, changed.message_id).flat_buttons == []  # answered
    again_pressed = await bot.press(chat, changed, cora, data=confirm)  # a double tap
    assert again_pressed is not None and again_pressed["show_alert"]
    assert world.rows(
        "SELECT reason FROM project_events WHERE project_id = ? AND action = 'stage'", first
    ) == [("why",), ("Outside the programme's scope",)]
    history = await world.text("olga", f"/history {first}")
    assert "Reason: Outside the programme's scope" in history

    second = await stored_project(world, PROPOSED, "To withdraw")
    li, li_chat = world.people["li"], world.private("li")
    [card] = [m for m in await world.say("li", f"/project {second}") if m.flat_buttons]
    labels = [b["text"] for b in card.flat_buttons]
    assert "↩️ Withdrawn" in labels and "⛔ Rejected" not in labels  # Li is no coordinator
    await bot.press_button(li_chat, li, "↩️ Withdrawn")
    assert world.rows("SELECT stage FROM projects WHERE id = ?", second) == [("withdrawn",)]
    pressed = bot.sim.message(li_chat.id, card.message_id)
    assert "↩️ Withdrawn" not in [b["text"] for b in pressed.flat_buttons]  # refreshed buttons
    answer = await bot.press(li_chat, card, li, data=f"ps:1:{second}:withdrawn")
    assert answer is not None and answer["show_alert"] and "final stage" in answer["text"]


async def test_bad_input_is_refused_at_its_step_and_saves_nothing(start_bot: BotFactory) -> None:
    world = await build_world(start_bot)
    bot = world.bot
    li, chat = world.people["li"], world.private("li")
    before = world.dump()
    await bot.say(chat, li, "/propose")
    steps = [
        ("ab", "3 to 120 characters long; yours has 2", "What is the project's title?"),
        ("T" * 121, "yours has 121", "What is the project's title?"),
        ("Bioreactor in orbit", None, "Describe the project"),
        ("s" * 2001, "2001 characters long; the limit is 2000", "Describe the project"),
        ("A small bioreactor flown on a cubesat.", None, "Which areas"),
        ("astrology", "not in the list of areas", "Which areas"),
        ("biotech, space", None, "Which delegations do you invite"),
        ("Atlantis", "There is no delegation called “Atlantis”", "Which delegations"),
        ("Z-Park", "leads the project", "Which delegations"),
        ("Polytech", None, "How much funding"),
        ("12.345 EUR", "at most two decimals", "How much funding"),
        ("-5 EUR", "more than zero", "How much funding"),
        ("100 GBP", "“GBP” is not a currency I can record: use CNY, RUB, EUR or USD", "How much"),
        ("100", "Type an amount and a currency", "How much funding"),
        ("1500000 CNY", None, "By which date"),
        ("2026-11-24", "2026-11-24 is in the past. Type a date from 2026-11-25 on.", "By which"),
        ("next year", "Type the date as YYYY-MM-DD", "By which date"),
    ]
    for typed, error, question in steps:
        text = "\n".join(m.plain for m in await bot.say(chat, li, typed))
        if error is not None:
            assert error in text, (typed, text)
        assert question in text, (typed, text)
        assert world.dump() == before, typed
    [cancelled] = await bot.say(chat, li, "/cancel")
    assert cancelled.plain == "The proposal is cancelled. Nothing was saved."
    assert world.dump() == before
    assert await bot.say(chat, li, "2027-01-01") == []  # the dialogue is over


async def test_outsiders_cannot_propose_and_members_support_once(start_bot: BotFactory) -> None:
    world = await build_world(start_bot)
    refused = await world.text("otto", "/propose")
    assert "Only members of a delegation can propose projects" in refused
    project_id = await stored_project(world, PROPOSED)
    assert "1 supporter so far" in await world.text("ivan", f"/support {project_id}")
    assert "already support" in await world.text("ivan", f"/support #{project_id}")
    assert "Only members of a delegation" in await world.text("otto", f"/support {project_id}")
    chat, mikko = world.private("mikko"), world.people["mikko"]
    await world.say("mikko", f"/project {project_id}")
    answer = await world.bot.press_button(chat, mikko, "👍 Support")
    assert answer is not None and "2 supporters so far" in answer["text"]
    assert world.rows("SELECT user_id FROM project_supports ORDER BY user_id") == sorted(
        [(world.people["ivan"].id,), (mikko.id,)]
    )
    card = await world.text("li", f"/project {project_id}")
    assert "Supported by 2 people (Polytech: 1, Savonlinna: 1)" in card
    assert "Which project?" in await world.text("li", "/support")
