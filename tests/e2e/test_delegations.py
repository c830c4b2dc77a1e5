"""Delegations end to end: registration dialogue, joining, roles, cards, bad input."""

from __future__ import annotations

import html
import sqlite3
from dataclasses import replace
from pathlib import Path

from bot.common.i18n import translator
from handlers.delegations.forms import PROMPTS
from simulator import SimChat, SimUser
from tests.database_dump import dump
from tests.e2e.conftest import Bot, BotFactory

COORDINATOR_ID = 900001


def rows(path: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, params).fetchall()


async def register_by_dialogue(
    bot: Bot,
    chat: SimChat,
    who: SimUser | None,
    answers: list[str],
    presser: SimUser | None = None,
) -> None:
    """Walk the 8 questions; `answers` are typed text or `press:LABEL`."""
    if who is None:
        bot.sim.post_as_chat(chat, "/register")
    else:
        bot.sim.post(chat, who, "/register")
    await bot.new_messages(chat)
    for answer in answers:
        if answer.startswith("press:"):
            result = await bot.press_button(chat, presser or who, answer.removeprefix("press:"))
            assert result is None or not result.get("show_alert"), result
        elif chat.type == "private":
            await bot.say(chat, who, answer)
        else:
            await bot.answer(chat, who, answer)


async def test_coordinator_registers_three_delegations_in_three_languages(
    start_bot: BotFactory,
) -> None:
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID, 900002, 900003}))
    li = bot.sim.add_user("Li", language_code="zh-hans", user_id=COORDINATOR_ID)
    olga = bot.sim.add_user("Olga", language_code="ru", user_id=900002)
    mikko = bot.sim.add_user("Mikko", language_code="fi", user_id=900003)
    private = bot.sim.private_chat(li)
    await register_by_dialogue(
        bot,
        private,
        li,
        [
            "Z-Park",
            "Zhongguancun Science Park",
            "中国",
            "Beijing",
            "press:中文",
            "press:Asia/Shanghai",
            "press:" + translator("zh").t("Space research"),
            "press:" + translator("zh").t("Biotechnology"),
            "press:" + translator("zh").t("Done"),
            "Beijing's science park",
        ],
    )
    zh_questions = [m.plain for m in bot.sim.bot_messages(private)]
    assert any(translator("zh").t(PROMPTS["country"]) in text for text in zh_questions)
    private = bot.sim.private_chat(olga)
    await register_by_dialogue(
        bot,
        private,
        olga,
        [
            "Polytech technopark",
            "Polytechnic University Technopark",
            "Россия",
            "Санкт-Петербург",
            "ru",
            "press:Europe/Moscow",
            "manufacturing, space",
            "-",
        ],
    )
    ru_questions = [m.plain for m in bot.sim.bot_messages(private)]
    assert any(translator("ru").t(PROMPTS["city"]) in text for text in ru_questions)
    private = bot.sim.private_chat(mikko)
    [saved, card] = await bot.say(
        private,
        mikko,
        "/register Savonlinna business | Savonlinna Business Services | Suomi | Savonlinna | "
        "fi | Europe/Helsinki | it, education | Yrityspalvelut",
    )
    assert saved.plain == translator("fi").t(
        "Registered {name}. Next: /linkchat {name} in its group makes that group its home "
        "chat; /invite {name} gives a link that lets colleagues join.",
        name="Savonlinna business",
    )
    assert "🇫🇮" in card.plain and "Europe/Helsinki" in card.plain

    stored = rows(
        bot.settings.database,
        "SELECT name, country, city, language, timezone, interests, description "
        "FROM delegations ORDER BY id",
    )
    assert stored == [
        (
            "Z-Park",
            "CN",
            "Beijing",
            "zh",
            "Asia/Shanghai",
            "space,biotech",
            "Beijing's science park",
        ),
        (
            "Polytech technopark",
            "RU",
            "Санкт-Петербург",
            "ru",
            "Europe/Moscow",
            "space,manufacturing",
            "",
        ),
        (
            "Savonlinna business",
            "FI",
            "Savonlinna",
            "fi",
            "Europe/Helsinki",
            "it,education",
            "Yrityspalvelut",
        ),
    ]
    heads = rows(bot.settings.database, "SELECT user_id, role FROM delegation_members")
    assert heads == [(li.id, "head"), (olga.id, "head"), (mikko.id, "head")]

    anna = bot.sim.add_user("Anna", language_code="en")
    [listing] = await bot.say(bot.sim.private_chat(anna), anna, "/delegations")
    assert "3 delegations" in listing.plain
    assert "🇨🇳 Z-Park — China, Beijing · 1 member" in listing.plain


async def test_dialogue_in_a_group_works_through_replies(bot: Bot) -> None:
    admin = bot.sim.add_user("Anna", language_code="en")
    group = bot.sim.add_group("Joint", members=[admin])
    bot.sim.set_admin(group, admin, "creator")
    await register_by_dialogue(
        bot,
        group,
        admin,
        [
            *("TusPark", "Tsinghua Science Park", "CN", "Beijing", "press:中文", "Asia/Shanghai"),
            *("press:Information technology", "press:Done", "press:Skip"),
        ],
    )
    assert rows(bot.settings.database, "SELECT name, timezone FROM delegations") == [
        ("TusPark", "Asia/Shanghai")
    ]
    questions = [m for m in bot.sim.bot_messages(group) if "force_reply" in (m.reply_markup or {})]
    assert questions and all(m.reply_to is not None for m in questions)


async def test_anonymous_admin_registers_a_delegation_without_a_head(bot: Bot) -> None:
    aino = bot.sim.add_user("Aino", language_code="fi")
    group = bot.sim.add_group("Savonlinna team", supergroup=True, members=[aino])
    bot.sim.set_admin(group, aino, "creator")  # posts anonymously, presses buttons as herself
    await register_by_dialogue(
        bot,
        group,
        None,
        [
            *("Savonlinna", "Business Services", "FI", "Savonlinna", "press:Suomi"),
            "press:Europe/Helsinki",
            "press:" + translator("fi").t("Education"),  # Aino presses: her own language
            "press:" + translator("fi").t("Done"),
            "Palvelut",
        ],
        presser=aino,
    )
    assert rows(
        bot.settings.database, "SELECT name, created_by, home_chat_id FROM delegations"
    ) == [
        ("Savonlinna", 1087968824, group.id)
    ]  # the group it was registered in is its home, so its admins manage it
    assert rows(bot.settings.database, "SELECT count(*) FROM delegation_members") == [(0,)]


async def test_cancel_mid_dialogue_leaves_no_row(start_bot: BotFactory) -> None:
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}))
    cora = bot.sim.add_user("Cora", language_code="ru", user_id=COORDINATOR_ID)
    chat = bot.sim.private_chat(cora)
    await bot.say(chat, cora, "/register")
    await bot.say(chat, cora, "Z-Park")
    await bot.say(chat, cora, "Zhongguancun")
    [answer] = await bot.say(chat, cora, "/cancel")
    assert answer.plain == translator("ru").t("Registration cancelled. Nothing was saved.")
    assert rows(bot.settings.database, "SELECT count(*) FROM delegations") == [(0,)]
    assert await bot.say(chat, cora, "Beijing") == []  # the dialogue is over: no question follows


async def test_every_bad_input_is_refused_at_its_step_and_changes_nothing(
    start_bot: BotFactory,
) -> None:
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}))
    cora = bot.sim.add_user("Cora", language_code="en", user_id=COORDINATOR_ID)
    chat = bot.sim.private_chat(cora)
    await bot.say(
        chat, cora, "/register Z-Park | Zhongguancun | CN | Beijing | zh | Asia/Shanghai | space"
    )
    before = dump(bot.settings.database)
    # Each step: its question, the inputs it refuses (with the reason shown), the one it takes.
    steps: list[tuple[str, list[tuple[str, str]], str | None]] = [
        (
            "What is the delegation's name",
            [
                ("x", "2 to 80 characters"),
                ("N" * 81, "yours has 81"),
                ("  z-PARK ", "already exists"),
            ],
            "Polytech",
        ),
        ("Which park or organisation", [], "Polytechnic technopark"),
        ("Which country", [("Atlantis", "I don't know the country “Atlantis”")], "RU"),
        ("Which city", [], "St. Petersburg"),
        ("Which working language", [("Klingon", "not one of the working languages")], "ru"),
        ("Which time zone", [("Mars/Base", "not a time zone I know")], "Europe/Moscow"),
        ("Which areas", [("astrology", "not in the list of areas")], "space"),
        ("A short description", [("d" * 1001, "1001 characters long; the limit is 1000")], None),
    ]
    asked = "\n".join(message.plain for message in await bot.say(chat, cora, "/register"))
    for number, (question, refused, accepted) in enumerate(steps):
        assert question in asked, (question, asked)
        later = [step[0] for step in steps[number + 1 :]]
        for typed, error in refused:
            # One reply, the reason; the dialogue stays at this step and nothing is stored.
            [refusal] = await bot.say(chat, cora, typed)
            assert error in refusal.plain, (typed, refusal.plain)
            assert not [q for q in later if q in refusal.plain], (typed, refusal.plain)
            assert dump(bot.settings.database) == before, typed
        if accepted is not None:
            asked = "\n".join(m.plain for m in await bot.say(chat, cora, accepted))
    await bot.say(chat, cora, "/cancel")
    assert dump(bot.settings.database) == before


async def test_one_line_form_reports_every_problem_and_saves_nothing(start_bot: BotFactory) -> None:
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}))
    cora = bot.sim.add_user("Cora", language_code="en", user_id=COORDINATOR_ID)
    chat = bot.sim.private_chat(cora)
    await bot.say(chat, cora, "/start")
    before = dump(bot.settings.database)
    [answer] = await bot.say(
        chat, cora, "/register Z | Zhongguancun | Narnia | Beijing | xx | Mars/Base | magic"
    )
    assert "Nothing was saved" in answer.plain
    for problem in ("2 to 80", "Narnia", "“xx”", "Mars/Base", "magic"):
        assert problem in answer.plain
    [answer] = await bot.say(chat, cora, "/register only | three | parts")
    assert "7 or 8 parts" in answer.plain
    assert dump(bot.settings.database) == before


async def test_user_text_is_shown_back_escaped(start_bot: BotFactory) -> None:
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}))
    cora = bot.sim.add_user("Cora", language_code="en", user_id=COORDINATOR_ID)
    chat = bot.sim.private_chat(cora)
    name = "<b>Z-Park</b> & Co"
    [_saved, card] = await bot.say(
        chat, cora, f"/register {name} | Z <i>Park</i> | CN | Beijing | zh | Asia/Shanghai | it"
    )
    assert html.escape(name, quote=False) in card.text
    assert card.plain.splitlines()[0] == f"🇨🇳 {name}"
    assert "<i>" not in card.text and "Z &lt;i&gt;Park&lt;/i&gt;" in card.text
    [again] = await bot.say(chat, cora, f"/delegation   {name.upper()}  ")
    assert again.plain.splitlines()[0] == f"🇨🇳 {name}"


async def test_card_speaks_the_readers_language(start_bot: BotFactory) -> None:
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}))
    cora = bot.sim.add_user("Cora", language_code="en", user_id=COORDINATOR_ID)
    await bot.say(
        bot.sim.private_chat(cora),
        cora,
        "/register Z-Park | Zhongguancun | CN | Beijing | zh | Asia/Shanghai | space, biotech",
    )
    olga = bot.sim.add_user("Olga", language_code="ru")
    [card] = await bot.say(bot.sim.private_chat(olga), olga, "/delegation z-park")
    assert "Китай" in card.plain and "Beijing" in card.plain  # typed fields stay as typed
    li = bot.sim.add_user("Li", language_code="zh-hans")
    [card] = await bot.say(bot.sim.private_chat(li), li, "/delegation Z-Park")
    assert "中国" in card.plain


async def test_join_approve_leave_and_history(start_bot: BotFactory) -> None:
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}))
    cora = bot.sim.add_user("Cora", language_code="en", user_id=COORDINATOR_ID)
    hanna = bot.sim.add_user("Hanna", language_code="fi")
    mikko = bot.sim.add_user("Mikko", language_code="fi", username="mikko")
    home = bot.sim.add_group("Savonlinna team", members=[hanna, mikko])
    await bot.say(
        bot.sim.private_chat(cora),
        cora,
        "/register Savonlinna | Business Services | FI | Savonlinna | fi | Europe/Helsinki | it",
    )
    # Cora hands the delegation to Hanna: Hanna joins via invite link, is promoted, Cora leaves.
    [link] = await bot.say(bot.sim.private_chat(cora), cora, "/invite Savonlinna")
    token = link.plain.split("start=")[1].split()[0]
    [welcome] = await bot.say(bot.sim.private_chat(hanna), hanna, f"/start {token}")
    assert "Savonlinna" in welcome.plain
    await bot.say(bot.sim.private_chat(cora), cora, "/promote Savonlinna")
    await bot.press_button(bot.sim.private_chat(cora), cora, "Hanna")
    await bot.say(bot.sim.private_chat(cora), cora, "/leave Savonlinna")
    await bot.say(home, hanna, "/linkchat Savonlinna")
    assert rows(
        bot.settings.database, "SELECT timezone, languages FROM chats WHERE id = ?", home.id
    ) == [("Europe/Helsinki", "fi")]  # the new home chat took its delegation's zone and language

    bot.sim.private_chat(mikko)
    request, sent = await bot.say(home, mikko, "/join Savonlinna")
    assert sent.plain == translator("fi").t(
        "Your request to join {name} went to its heads. I will tell you their answer.",
        name="Savonlinna",
    )
    assert "Mikko (@mikko)" in request.plain
    approve = request.flat_buttons[0]["callback_data"]
    refused = await bot.press(home, request, mikko, index=0)
    assert refused is not None and refused["show_alert"]
    await bot.press(home, request, hanna, index=0)
    assert "Hanna" in bot.sim.message(home.id, request.message_id).plain
    told = bot.sim.bot_messages(bot.sim.private_chat(mikko))[-1]
    assert "Savonlinna" in told.plain
    again = await bot.press(home, request, hanna, data=approve)
    assert again is not None and again["show_alert"]  # answered once only

    [members] = await bot.say(home, hanna, "/members Savonlinna")
    assert "Hanna" in members.plain and "Mikko" in members.plain
    await bot.say(home, mikko, "/leave Savonlinna")
    periods = rows(
        bot.settings.database,
        "SELECT user_id, role, left_at IS NOT NULL FROM delegation_members ORDER BY id",
    )
    assert periods == [
        (COORDINATOR_ID, "head", 1),
        (hanna.id, "head", 0),
        (mikko.id, "member", 1),
    ]
    actions = [a for (a,) in rows(bot.settings.database, "SELECT action FROM delegation_events")]
    assert actions == [
        "registered",
        "invited",
        "joined_by_invite",
        "promoted",
        "left",
        "linked_chat",
        "asked_to_join",
        "approved",
        "left",
    ]


async def test_last_head_cannot_leave_or_be_demoted(start_bot: BotFactory) -> None:
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}))
    cora = bot.sim.add_user("Cora", language_code="en", user_id=COORDINATOR_ID)
    chat = bot.sim.private_chat(cora)
    await bot.say(
        chat, cora, "/register Z-Park | Zhongguancun | CN | Beijing | zh | Asia/Shanghai | it"
    )
    [answer] = await bot.say(chat, cora, "/leave Z-Park")
    assert "last head" in answer.plain
    await bot.say(chat, cora, "/demote Z-Park")
    refused = await bot.press_button(chat, cora, "Cora")
    assert refused is not None and "at least one head" in refused["text"]
    assert rows(bot.settings.database, "SELECT role, left_at FROM delegation_members") == [
        ("head", None)
    ]


async def test_forged_buttons_are_refused(start_bot: BotFactory) -> None:
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}))
    cora = bot.sim.add_user("Cora", language_code="en", user_id=COORDINATOR_ID)
    mallory = bot.sim.add_user("Mallory", language_code="en")
    chat = bot.sim.private_chat(cora)
    await bot.say(
        chat, cora, "/register Z-Park | Zhongguancun | CN | Beijing | zh | Asia/Shanghai | it"
    )
    evil = bot.sim.private_chat(mallory)
    [own] = await bot.say(evil, mallory, "/start")
    before = dump(bot.settings.database)
    for data in (f"pm:1:1:{mallory.id}:h", f"pm:1:1:{cora.id}:m", "jr:1:1:a", "pm:1:x"):
        answer = await bot.press(evil, own, mallory, data=data)
        assert answer is not None and answer["show_alert"], data
    assert dump(bot.settings.database) == before


async def test_list_is_paged(start_bot: BotFactory) -> None:
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}))
    cora = bot.sim.add_user("Cora", language_code="en", user_id=COORDINATOR_ID)
    chat = bot.sim.private_chat(cora)
    for number in range(12):
        await bot.say(
            chat, cora, f"/register Park {number:02d} | Org | FI | Oulu | fi | Europe/Helsinki | it"
        )
    [listing] = await bot.say(chat, cora, "/delegations")
    assert "12 delegations (page 1 of 2)" in listing.plain
    assert "Park 09" in listing.plain and "Park 10" not in listing.plain
    await bot.press_button(chat, cora, "▶")
    second = bot.sim.message(chat.id, listing.message_id)
    assert "page 2 of 2" in second.plain and "Park 11" in second.plain


async def test_edit_a_field_as_head(start_bot: BotFactory) -> None:
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}))
    cora = bot.sim.add_user("Cora", language_code="en", user_id=COORDINATOR_ID)
    chat = bot.sim.private_chat(cora)
    await bot.say(
        chat, cora, "/register Z-Park | Zhongguancun | CN | Beijing | zh | Asia/Shanghai | it"
    )
    await bot.say(chat, cora, "/editdelegation Z-Park")
    await bot.press_button(chat, cora, "City")
    [question] = await bot.new_messages(chat)
    assert "Which city?" in question.plain
    [problem] = await bot.say(chat, cora, "x" * 81)
    assert "1 to 80" in problem.plain
    saved, card = await bot.say(chat, cora, "Haidian, Beijing")
    assert "Saved: City" in saved.plain and "City: Haidian, Beijing" in card.plain
    assert rows(bot.settings.database, "SELECT city FROM delegations") == [("Haidian, Beijing",)]


async def coordinator_chat(start_bot: BotFactory) -> tuple[Bot, SimUser, SimChat]:
    bot = await start_bot(coordinators=frozenset({COORDINATOR_ID}))
    cora = bot.sim.add_user("Cora", language_code="en", user_id=COORDINATOR_ID)
    return bot, cora, bot.sim.private_chat(cora)


async def test_editing_an_old_answer_is_not_taken_as_the_next_answer(
    start_bot: BotFactory,
) -> None:
    bot, cora, chat = await coordinator_chat(start_bot)
    await bot.say(chat, cora, "/register")
    name = bot.sim.post(chat, cora, "Z-Prak")
    await bot.new_messages(chat)
    await bot.say(chat, cora, "Zhongguancun Science Park")
    bot.sim.edit(chat, name["message_id"], "Z-Park")
    assert await bot.new_messages(chat) == []  # the country question still waits
    [next_question] = await bot.say(chat, cora, "CN")
    assert "Which city?" in next_question.plain


async def test_one_dialogue_at_a_time_and_non_text_is_asked_again(start_bot: BotFactory) -> None:
    bot, cora, chat = await coordinator_chat(start_bot)
    await bot.say(
        chat, cora, "/register Z-Park | Zhongguancun | CN | Beijing | zh | Asia/Shanghai | it"
    )
    await bot.say(chat, cora, "/register")
    [refused] = await bot.say(chat, cora, "/editdelegation Z-Park")
    assert "/cancel" in refused.plain and "another dialogue" in refused.plain
    bot.sim.post(chat, cora, "photo", caption_media=("plan.pdf", b"%PDF-1.4"))
    [again] = await bot.new_messages(chat)
    assert "answer with text" in again.plain
    [restart] = await bot.say(chat, cora, "/register")  # starting over is allowed
    assert "What is the delegation's name?" in restart.plain


async def test_name_taken_meanwhile_goes_back_to_the_name_step(start_bot: BotFactory) -> None:
    bot, cora, chat = await coordinator_chat(start_bot)
    await bot.say(chat, cora, "/register")
    for answer in ("Z-Park", "Zhongguancun", "CN", "Beijing", "zh", "Asia/Shanghai", "it"):
        await bot.say(chat, cora, answer)
    other = bot.sim.add_user("Bo", language_code="en", user_id=COORDINATOR_ID + 1)
    bot.app.bot_data.settings = bot.settings = replace(
        bot.settings, coordinators=frozenset({COORDINATOR_ID, other.id})
    )
    await bot.say(
        bot.sim.private_chat(other),
        other,
        "/register Z-Park | Other org | CN | Beijing | zh | Asia/Shanghai | it",
    )
    [asked] = await bot.say(chat, cora, "Beijing science park")
    assert "already exists" in asked.plain and "What is the delegation's name?" in asked.plain
    await bot.say(chat, cora, "Z-Park Haidian")
    stored = rows(bot.settings.database, "SELECT name, organisation FROM delegations ORDER BY id")
    assert stored == [("Z-Park", "Other org"), ("Z-Park Haidian", "Zhongguancun")]


async def test_buttons_of_another_message_or_person_do_not_answer(bot: Bot) -> None:
    li = bot.sim.add_user("Li", language_code="en")
    bo = bot.sim.add_user("Bo", language_code="en")
    group = bot.sim.add_group("Joint", members=[li, bo])
    bot.sim.set_admin(group, li, "creator")
    bot.sim.set_admin(group, bo, "administrator")
    for person in (li, bo):
        bot.sim.post(group, person, "/register")
        await bot.settle()
        for answer in ("Park " + person.first_name, "Org", "CN", "Beijing"):
            await bot.answer(group, person, answer)
    keyboards = [m for m in bot.sim.bot_messages(group) if m.flat_buttons]
    li_keyboard = next(m for m in keyboards if "Which working language" in m.plain)
    stolen = await bot.press(group, li_keyboard, bo, index=1)  # Bo presses Li's keyboard
    assert stolen is not None and stolen["show_alert"]


async def test_forged_ids_and_double_presses_never_reach_the_apology(
    start_bot: BotFactory,
) -> None:
    bot, cora, chat = await coordinator_chat(start_bot)
    for number in range(11):
        await bot.say(
            chat, cora, f"/register Park {number:02d} | Org | FI | Oulu | fi | Europe/Helsinki | it"
        )
    [listing] = await bot.say(chat, cora, "/delegations")
    for data in ("dl:1:²", "dl:1:99999999999999999999", "jr:1:²:a", "pm:1:1:²:h"):
        answer = await bot.press(chat, listing, cora, data=data)
        assert answer is not None and "no longer valid" in answer["text"], data
    await bot.press(chat, listing, cora, data="dl:1:1")
    await bot.press(chat, listing, cora, data="dl:1:1")  # the same page twice
    assert not [m for m in bot.sim.bot_messages(chat) if "went wrong" in m.plain]


async def test_invite_in_a_group_is_sent_privately(start_bot: BotFactory) -> None:
    bot, cora, chat = await coordinator_chat(start_bot)
    await bot.say(
        chat, cora, "/register Z-Park | Zhongguancun | CN | Beijing | zh | Asia/Shanghai | it"
    )
    group = bot.sim.add_group("Joint", members=[cora])
    [answer] = await bot.say(group, cora, "/invite Z-Park")
    assert "?start=" not in answer.plain and "private chat" in answer.plain
    assert "?start=inv_" in bot.sim.bot_messages(chat)[-1].plain


async def test_requests_to_a_delegation_without_head_reach_someone(start_bot: BotFactory) -> None:
    bot, cora, chat = await coordinator_chat(start_bot)
    group = bot.sim.add_group("Savo", members=[cora])
    bot.sim.post_as_chat(
        group, "/register Savo | Savo Services | FI | Savonlinna | fi | Europe/Helsinki | it"
    )
    await bot.new_messages(group)
    # Registered by an anonymous admin in its group: no head, and the group is its home.
    jane = bot.sim.add_user("Jane", language_code="en")
    bot.sim.private_chat(jane)
    request, told = await bot.say(group, jane, "/join Savo")
    assert "Jane asks to join Savo." in request.plain and request.flat_buttons
    assert "went to its heads" in told.plain
    bot.sim.set_admin(group, cora, "administrator")
    await bot.press(group, request, cora, index=0)  # a home-chat admin approves
    # The first member of a delegation without a head becomes its head.
    assert rows(
        bot.settings.database,
        "SELECT role FROM delegation_members WHERE user_id = ? AND left_at IS NULL",
        jane.id,
    ) == [("head",)]
    # Without a head or a home chat, the configured coordinators get the request.
    await bot.say(chat, cora, "/register Lone | Lone Org | FI | Oulu | fi | Europe/Helsinki | it")
    await bot.say(chat, cora, "/leave Lone")  # refused: Cora is its last head
    with sqlite3.connect(bot.settings.database) as conn:
        conn.execute("DELETE FROM delegation_members WHERE delegation_id = 2")
    before = len(bot.sim.bot_messages(chat))
    await bot.say(bot.sim.private_chat(jane), jane, "/join Lone")
    assert "Jane asks to join Lone." in bot.sim.bot_messages(chat)[before].plain


async def test_in_a_group_only_replies_to_the_question_are_answers(bot: Bot) -> None:
    bot.sim.can_read_all_group_messages = True  # the bot sees every message here
    admin = bot.sim.add_user("Anna", language_code="en")
    group = bot.sim.add_group("Joint", members=[admin])
    bot.sim.set_admin(group, admin, "creator")
    bot.sim.post(group, admin, "/register")
    await bot.new_messages(group)
    await bot.answer(group, admin, "TusPark")
    bot.sim.post(group, admin, "Wait, let me ask Li about the organisation name first")
    assert await bot.new_messages(group) == []  # a remark to colleagues, not an answer
    [asked] = await bot.answer(group, admin, "Tsinghua Science Park")
    assert "Which country?" in asked.plain
