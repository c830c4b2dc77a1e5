"""Projects end to end: the CSV, suggestions, long cards, lists with filters, group dialogues."""

from __future__ import annotations

import csv
import io
import logging

import pytest

from bot.common.chunks import TELEGRAM_LIMIT, visible_length
from bot.delegations.rules import DelegationDraft
from bot.projects.rules import ProjectDraft
from storage.unit_of_work import repositories
from tests.e2e.conftest import BotFactory
from tests.e2e.project_support import NOW, STANDARD, World, build_world, propose


async def stored(
    world: World,
    title: str,
    areas: list[str],
    lead: str,
    summary: str = "Summary",
    partners: tuple[str, ...] = (),
) -> int:
    draft = ProjectDraft(
        title=title,
        summary=summary,
        areas=areas,
        lead_id=world.ids[lead],
        partner_ids=[world.ids[name] for name in partners],
    )
    return await repositories(world.db).projects.create(draft, world.people["li"].id, None, NOW)


async def test_csv_export_opens_with_the_right_rows_and_scripts(start_bot: BotFactory) -> None:
    world = await build_world(start_bot)
    await propose(world, "li", STANDARD)
    await stored(world, "月球基地生物反应器", ["biotech"], "Z-Park", partners=("Polytech",))
    await stored(world, "Космический принтер", ["space"], "Polytech", summary="Печать, «на орбите»")
    await world.say("olga", "/support 1")
    before = world.dump()
    refused = await world.text("olga", "/export projects")
    assert "Only coordinators can export projects" in refused
    [sent] = await world.say("cora", "/export projects")
    assert sent.document is not None
    assert sent.document.filename == "projects-2026-11-25.csv"
    assert sent.document.content.startswith(b"\xef\xbb\xbf")  # the BOM Excel looks for
    table = list(csv.reader(io.StringIO(sent.document.content.decode("utf-8-sig"))))
    assert table[0][:10] == [
        "ID",
        "Title",
        "Stage",
        "Lead",
        "Partners",
        "Areas",
        "Funding sought",
        "Currency",
        "Target date",
        "Supporters",
    ]
    assert [row[:10] for row in table[1:]] == [
        [
            "1",
            "Lunar regolith 3D printing",
            "Proposed",
            "Z-Park",
            "Polytech (invited, no answer yet); Savonlinna (invited, no answer yet)",
            "Space research",
            "250000.50",
            "EUR",
            "2027-06-30",
            "1",
        ],
        [
            "2",
            "月球基地生物反应器",
            "Proposed",
            "Z-Park",
            "Polytech (invited, no answer yet)",
            "Biotechnology",
            "",
            "",
            "",
            "0",
        ],
        ["3", "Космический принтер", "Proposed", "Polytech", "", "Space research", "", "", "", "0"],
    ]
    assert table[3][-1] == "Печать, «на орбите»"
    assert world.dump() == before  # exporting writes nothing
    # An administrator of Savonlinna's home chat exports there, and gets Savonlinna's projects.
    savonlinna = world.homes["Savonlinna"]
    world.bot.sim.set_admin(savonlinna, world.people["mikko"], "administrator")
    await world.bot.new_messages(savonlinna)  # the invitation posted there earlier
    [scoped] = await world.say("mikko", "/export", savonlinna)
    assert scoped.document is not None
    rows = list(csv.reader(io.StringIO(scoped.document.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["1"]


async def test_suggest_ranks_matching_interests_first(start_bot: BotFactory) -> None:
    world = await build_world(start_bot)
    for name, interests in (("Energy park", ["energy"]), ("Bio park", ["biotech", "it"])):
        draft = DelegationDraft(
            name=name,
            organisation=name,
            country="FI",
            city="Oulu",
            language="fi",
            timezone="Europe/Helsinki",
            interests=interests,
        )
        await repositories(world.db).delegations.create(draft, world.people["cora"].id, None)
    project = await stored(world, "Enzymes", ["biotech"], "Z-Park", partners=("Polytech",))
    text = await world.text("otto", f"/suggest {project}")
    assert "Possible partners for #1 Enzymes" in text
    assert "Bio park — interests in common: Biotechnology" in text
    assert "Energy park — no interests in common" in text
    assert text.index("Bio park") < text.index("Energy park")
    assert "Z-Park —" not in text and "Polytech —" not in text  # already involved
    # A track record counts too: Savonlinna once joined a biotech project and accepted.
    earlier = await stored(world, "Earlier", ["biotech"], "Polytech", partners=("Savonlinna",))
    await repositories(world.db).projects.answer(earlier, world.ids["Savonlinna"], True, 1, NOW)
    text = await world.text("otto", f"/suggest {project}")
    assert "Savonlinna — 1 earlier project in these areas" in text
    assert text.index("Savonlinna") < text.index("Energy park")


async def test_a_card_longer_than_telegram_allows_is_split_and_delivered(
    start_bot: BotFactory,
) -> None:
    world = await build_world(start_bot)
    group = world.homes["Z-Park"]
    await repositories(world.db).chats.set_languages(group.id, ["en", "ru", "zh", "fi"])
    sentence = "The bioreactor grows enzymes for medicine in low gravity & <checks> yields. "
    summary = (sentence * 40)[:1990] + " THE END"
    project = await stored(world, "Long <b>card</b>", ["biotech"], "Z-Park", summary=summary)
    parts = await world.say("li", f"/project {project}", group)
    assert len(parts) >= 2
    assert all(visible_length(part.text) <= TELEGRAM_LIMIT for part in parts)
    whole = "\n".join(part.plain for part in parts)
    assert "#1 Long <b>card</b>" in whole  # shown as typed, not as markup
    assert whole.count("THE END") == 4  # the summary and its ru, zh, fi translations
    assert "🇷🇺 RU [ru] The bioreactor" in whole
    assert parts[-1].flat_buttons  # the buttons sit on the last part


async def test_project_list_filters_and_pages(start_bot: BotFactory) -> None:
    world = await build_world(start_bot)
    for number in range(12):
        lead = "Z-Park" if number % 2 else "Savonlinna"
        await stored(world, f"Project number {number}", ["space"], lead)
    await stored(world, "Enzymes", ["biotech"], "Polytech")
    await repositories(world.db).projects.move(13, "discussion", 1, "", NOW)
    [first] = await world.say("otto", "/projects")
    assert "13 projects (page 1 of 2)" in first.plain
    assert "#13 Enzymes — 💬 Under discussion · 🇷🇺 Polytech · 👍 0" in first.plain
    answer = await world.bot.press_button(world.private("otto"), world.people["otto"], "▶")
    assert answer is None or not answer.get("show_alert")
    page = world.bot.sim.message(first.chat_id, first.message_id)
    assert "(page 2 of 2)" in page.plain and "#1 Project number 0" in page.plain
    assert "1 project" in await world.text("otto", "/projects area=biotech")
    assert "1 project" in await world.text("otto", "/projects status=under_discussion")
    assert "6 projects" in await world.text("otto", "/projects delegation=Z-Park")
    mine = await world.text("ivan", "/projects mine")
    assert "1 project" in mine and "Enzymes" in mine
    assert "No project matches" in await world.text("otto", "/projects mine")
    bad = await world.text("otto", "/projects colour=blue")
    assert "I could not read: colour=blue" in bad and "area=AREA" in bad
    assert "There is no delegation called" in await world.text("otto", "/projects delegation=X")


async def test_proposing_in_a_group_works_through_replies(start_bot: BotFactory) -> None:
    world = await build_world(start_bot)
    group = world.homes["Polytech"]
    answers = [
        "Robot welding of hull panels",
        "Welding cells for satellite hulls.",
        "manufacturing",
        "press:Savonlinna",
        "press:Done",
        "press:Skip",
        "press:Skip",
    ]
    await propose(world, "olga", answers, chat=group)
    assert world.rows("SELECT title, lead_id, amount_minor, target_date FROM projects") == [
        ("Robot welding of hull panels", world.ids["Polytech"], None, None)
    ]
    questions = [
        m for m in world.bot.sim.bot_messages(group) if "force_reply" in (m.reply_markup or {})
    ]
    assert questions and all(m.reply_to is not None for m in questions)


async def test_csv_cells_never_run_as_formulas(start_bot: BotFactory) -> None:
    world = await build_world(start_bot)
    typed = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn"]
    for number, title in enumerate(typed):
        await stored(world, f"{title} {number}", ["space"], "Z-Park", summary=title)
    await repositories(world.db).delegations.update_field(
        world.ids["Polytech"], "name", "=cmd|calc", 1
    )
    await stored(world, "Safe title", ["space"], "Polytech", summary="Plain – text")
    [sent] = await world.say("cora", "/export projects")
    assert sent.document is not None
    table = list(csv.reader(io.StringIO(sent.document.content.decode("utf-8-sig"), newline="")))
    rows = table[1:]
    titles = [row[1] for row in rows]
    assert titles[: len(typed)] == [f"'{title} {n}" for n, title in enumerate(typed)]
    assert [row[-1] for row in rows[: len(typed)]] == [f"'{title}" for title in typed]
    assert rows[-1][1] == "Safe title" and rows[-1][3] == "'=cmd|calc"
    assert rows[-1][-1] == "Plain – text"
    # Numbers written by the bot stay numbers.
    assert [row[0] for row in rows] == [str(n) for n in range(1, len(typed) + 2)]
    assert {row[9] for row in rows} == {"0"}


async def test_a_double_tap_on_the_pager_is_no_error(
    start_bot: BotFactory, caplog: pytest.LogCaptureFixture
) -> None:
    world = await build_world(start_bot)
    for number in range(12):
        await stored(world, f"Project number {number}", ["space"], "Z-Park")
    [first] = await world.say("otto", "/projects")
    otto = world.people["otto"]
    forward = first.flat_buttons[0]["callback_data"]
    with caplog.at_level(logging.ERROR):
        for _ in range(2):
            answer = await world.bot.press(world.private("otto"), first, otto, data=forward)
            assert answer is None or not answer.get("show_alert"), answer
    assert "(page 2 of 2)" in world.bot.sim.message(first.chat_id, first.message_id).plain
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
