"""Translation in group chats end to end: one reply per message, fallbacks, edits, /tr."""

from __future__ import annotations

import sqlite3

from bot.common.i18n import translator
from bot.translation import TranslatorConfig, build_backends
from simulator import SimChat, SimUser
from tests.e2e.conftest import Bot, BotFactory
from tests.fakes import FakeBackend, upper_case
from tests.libre_standin import running_libre

LINES = {
    "ru": "Коллеги, давайте обсудим совместный проект по биотехнологиям на следующей неделе.",
    "zh": "各位同事，我们下周讨论一下生物技术的合作项目吧。",
    "fi": "Hyvät kollegat, keskustellaan bioteknologian yhteishankkeesta ensi viikolla.",
    "en": "Dear colleagues, let us discuss the joint biotechnology project next week.",
}
FLAG = {"en": "🇬🇧", "ru": "🇷🇺", "zh": "🇨🇳", "fi": "🇫🇮"}


async def four_language_group(bot: Bot, autotranslate: bool = True) -> tuple[SimChat, SimUser]:
    """A group reading en, ru, zh, fi, with its admin; privacy mode off unless told."""
    admin = bot.sim.add_user("Anna", language_code="en")
    group = bot.sim.add_group("Joint working group", members=[admin])
    bot.sim.set_admin(group, admin, "creator")
    await bot.say(group, admin, "/settings languages en ru zh fi")
    if autotranslate:
        await bot.say(group, admin, "/autotranslate on")
    return group, admin


def glossary_rows(bot: Bot, chat: SimChat) -> list[tuple[str]]:
    with sqlite3.connect(bot.settings.database) as conn:
        return conn.execute("SELECT term FROM glossary WHERE chat_id = ?", (chat.id,)).fetchall()


def replies_to(bot: Bot, chat: SimChat, message_id: int) -> list[str]:
    return [m.text for m in bot.sim.bot_messages(chat) if m.reply_to == message_id]


async def test_each_message_gets_one_reply_with_the_other_three_languages(bot: Bot) -> None:
    bot.sim.can_read_all_group_messages = True
    group, _ = await four_language_group(bot)
    for language, line in LINES.items():
        writer = bot.sim.add_user(f"Writer {language}", language_code=language)
        posted = bot.sim.post(group, writer, line)
        await bot.settle()
        [reply] = replies_to(bot, group, posted["message_id"])
        lines = reply.split("\n")
        expected = [code for code in ("en", "ru", "zh", "fi") if code != language]
        assert [line.split()[0] for line in lines] == [FLAG[code] for code in expected]
        for code, text in zip(expected, lines, strict=True):
            assert text.endswith(f"[{code}] {line}")


async def test_no_reply_for_commands_bots_noise_and_own_language_only(bot: Bot) -> None:
    bot.sim.can_read_all_group_messages = True
    group, admin = await four_language_group(bot)
    other_bot = bot.sim.add_user("Helper", is_bot=True)
    before = len(bot.sim.bot_messages(group))
    for text in ("ok", "👍👍", "15:00", "https://example.com/agenda", "`make test`", "lol"):
        bot.sim.post(group, admin, text)
    bot.sim.post(group, other_bot, LINES["ru"])
    await bot.settle()
    assert len(bot.sim.bot_messages(group)) == before
    await bot.say(group, admin, "/settings languages ru")
    bot.sim.post(group, admin, LINES["ru"])  # only Russian here: nothing to translate into
    await bot.settle()
    assert len(bot.sim.bot_messages(group)) == before + 1  # just the /settings answer


async def test_anonymous_admin_is_translated_as_a_person(bot: Bot) -> None:
    bot.sim.can_read_all_group_messages = True
    group, _ = await four_language_group(bot)
    posted = bot.sim.post_as_chat(group, LINES["fi"])
    await bot.settle()
    assert len(replies_to(bot, group, posted["message_id"])) == 1


async def test_an_edit_updates_the_reply(bot: Bot) -> None:
    bot.sim.can_read_all_group_messages = True
    group, admin = await four_language_group(bot)
    posted = bot.sim.post(group, admin, LINES["en"])
    await bot.settle()
    [reply] = [m for m in bot.sim.bot_messages(group) if m.reply_to == posted["message_id"]]
    edited = "Dear colleagues, the biotechnology meeting moves to Thursday afternoon."
    bot.sim.edit(group, posted["message_id"], edited)
    await bot.settle()
    again = [m for m in bot.sim.bot_messages(group) if m.reply_to == posted["message_id"]]
    assert [m.message_id for m in again] == [reply.message_id]
    assert again[0].edits == 1 and f"[ru] {edited}" in again[0].text


async def test_failing_first_backend_falls_back_and_all_failing_stays_silent(
    start_bot: BotFactory,
) -> None:
    first, second = FakeBackend("first", mode="error"), FakeBackend("second")
    bot = await start_bot(backends=[first, second])
    bot.sim.can_read_all_group_messages = True
    group, admin = await four_language_group(bot)
    posted = bot.sim.post(group, admin, LINES["zh"])
    await bot.settle()
    [reply] = replies_to(bot, group, posted["message_id"])
    assert "[en]" in reply and first.call_count >= 1 and second.call_count == 3

    second.mode = "quota"  # a quota notice is an error, never a translation
    posted = bot.sim.post(group, admin, LINES["ru"])
    await bot.settle()
    assert replies_to(bot, group, posted["message_id"]) == []
    assert bot.app.bot_data.translation_failures == 1


async def test_backend_timeout_never_delays_commands_elsewhere(start_bot: BotFactory) -> None:
    slow = FakeBackend("slow", delay=1.5)  # longer than the timeout: abandoned at 0.5 s
    bot = await start_bot(backends=[slow], translation=TranslatorConfig(timeout=0.5))
    bot.sim.can_read_all_group_messages = True
    group, admin = await four_language_group(bot)
    bot.sim.post(group, admin, LINES["en"])
    await bot.sim.wait_for(lambda: slow.in_flight > 0)
    visitor = bot.sim.add_user("Visitor", language_code="en")
    chat = bot.sim.private_chat(visitor)
    bot.sim.post(chat, visitor, "/help")
    await bot.sim.wait_for(lambda: len(bot.sim.bot_messages(chat)) == 1)
    assert slow.in_flight > 0  # /help was answered while the translation was still running
    await bot.settle()
    assert len(bot.sim.bot_messages(group)) == 2  # /settings and /autotranslate answers only
    assert bot.app.bot_data.translation_failures == 1


async def test_glossary_terms_survive_translation(start_bot: BotFactory) -> None:
    bot = await start_bot(backends=[FakeBackend("shouting", transform=upper_case)])
    bot.sim.can_read_all_group_messages = True
    group, admin = await four_language_group(bot)
    [answer] = await bot.say(group, admin, "/glossary add Savonlinna")
    assert "Savonlinna" in answer.plain
    posted = bot.sim.post(group, admin, "We meet in Savonlinna with the Z-Park team tomorrow.")
    await bot.settle()
    [reply] = replies_to(bot, group, posted["message_id"])
    assert "Savonlinna" in reply and "Z-Park" in reply and "WE MEET IN" in reply
    await bot.new_messages(group)  # the translation reply
    [listing] = await bot.say(group, admin, "/glossary")
    assert "Savonlinna" in listing.plain and "Z-Park" in listing.plain


async def test_html_in_a_message_is_escaped_in_the_reply(bot: Bot) -> None:
    bot.sim.can_read_all_group_messages = True
    group, admin = await four_language_group(bot)
    text = "Please read <b>the agenda</b> & the budget before our meeting tomorrow."
    posted = bot.sim.post(group, admin, text)
    await bot.settle()
    [reply] = replies_to(bot, group, posted["message_id"])
    assert "&lt;b&gt;the agenda&lt;/b&gt; &amp; the budget" in reply


async def test_reply_stays_in_the_forum_topic(bot: Bot) -> None:
    bot.sim.can_read_all_group_messages = True
    admin = bot.sim.add_user("Anna", language_code="en")
    forum = bot.sim.add_group("Forum", supergroup=True, forum=True, members=[admin])
    bot.sim.set_admin(forum, admin, "creator")
    await bot.say(forum, admin, "/settings languages en fi")
    await bot.say(forum, admin, "/autotranslate on")
    topic = bot.sim.add_topic(forum, "Biotech", by=admin)
    posted = bot.sim.post(forum, admin, LINES["en"], thread_id=topic)
    await bot.settle()
    [reply] = [m for m in bot.sim.bot_messages(forum) if m.reply_to == posted["message_id"]]
    assert reply.thread_id == topic


async def test_privacy_mode_is_explained_and_tr_still_works(bot: Bot) -> None:
    group, admin = await four_language_group(bot, autotranslate=False)
    answers = await bot.say(group, admin, "/autotranslate on")
    notice = answers[-1].plain
    assert "@BotFather" in notice and "/setprivacy" in notice
    assert "@BotFather" in notice.split("\n\n")[1]  # repeated in the group's next language
    hidden = bot.sim.post(group, admin, LINES["ru"])  # privacy mode: the bot never sees it
    await bot.settle()
    assert replies_to(bot, group, hidden["message_id"]) == []
    olga = bot.sim.add_user("Olga", language_code="ru")
    bot.sim.post(group, olga, "/tr", reply_to=hidden["message_id"])
    [answer] = await bot.new_messages(group)
    assert answer.plain == translator("ru").t(
        "This is already in {language}.", language="Русский"
    )  # Olga reads Russian: nothing to translate
    bot.sim.post(group, admin, "/tr fi", reply_to=hidden["message_id"])
    [answer] = await bot.new_messages(group)
    assert answer.plain == f"🇫🇮 FI [fi] {LINES['ru']}"
    [answer] = await bot.say(group, admin, "/tr zh Good morning, dear colleagues")
    assert answer.plain == "🇨🇳 ZH [zh] Good morning, dear colleagues"


async def test_tr_says_when_translation_is_unavailable(start_bot: BotFactory) -> None:
    bot = await start_bot(backends=[FakeBackend("down", mode="error")])
    anna = bot.sim.add_user("Anna", language_code="en")
    [answer] = await bot.say(bot.sim.private_chat(anna), anna, "/tr fi Good morning, colleagues")
    assert answer.plain == "🇫🇮 FI (translation unavailable right now)"


async def test_only_coordinators_switch_translation(bot: Bot) -> None:
    group, _admin = await four_language_group(bot, autotranslate=False)
    member = bot.sim.add_user("Max", language_code="en")
    [answer] = await bot.say(group, member, "/autotranslate on")
    assert "Only coordinators" in answer.plain
    [answer] = await bot.say(group, member, "/glossary add Secret")
    assert "Only coordinators" in answer.plain


async def test_real_libretranslate_code_path_through_a_local_stand_in(
    start_bot: BotFactory,
) -> None:
    with running_libre() as libre:
        config = TranslatorConfig(translators=("libre",), libre_url=libre.url)
        bot = await start_bot(backends=build_backends(config))
        bot.sim.can_read_all_group_messages = True
        admin = bot.sim.add_user("Anna", language_code="en")
        group = bot.sim.add_group("Savonlinna", members=[admin])
        bot.sim.set_admin(group, admin, "creator")
        await bot.say(group, admin, "/settings languages fi en")
        await bot.say(group, admin, "/autotranslate on")
        text = "Hyvää huomenta kaikille, tänään käymme läpi hankkeen aikataulun."
        posted = bot.sim.post(group, admin, text)
        await bot.settle()
        [reply] = replies_to(bot, group, posted["message_id"])
        assert reply == f"🇬🇧 <b>EN</b> &lt;en&gt; {text}"
        assert libre.requests[-1]["source"] == "fi" and libre.requests[-1]["target"] == "en"


async def test_a_media_caption_is_translated_with_one_reply(bot: Bot) -> None:
    bot.sim.can_read_all_group_messages = True
    group, _ = await four_language_group(bot)
    writer = bot.sim.add_user("Olga", language_code="ru")
    posted = bot.sim.post(
        group, writer, LINES["ru"], caption_media=("photo.jpg", b"\xff\xd8\xff\xe0 not a real jpeg")
    )
    assert posted["caption"] == LINES["ru"] and "text" not in posted  # a captioned document
    await bot.settle()
    [reply] = replies_to(bot, group, posted["message_id"])
    lines = reply.split("\n")
    assert [line.split()[0] for line in lines] == [FLAG["en"], FLAG["zh"], FLAG["fi"]]
    for code, line in zip(("en", "zh", "fi"), lines, strict=True):
        assert line.endswith(f"[{code}] {LINES['ru']}")
    assert len(bot.sim.bot_messages(group)) == 3  # /settings, /autotranslate, this reply


async def test_glossary_remove_drops_the_term_from_listing_and_translations(
    start_bot: BotFactory,
) -> None:
    bot = await start_bot(backends=[FakeBackend("shouting", transform=upper_case)])
    bot.sim.can_read_all_group_messages = True
    group, admin = await four_language_group(bot)
    await bot.say(group, admin, "/glossary add Savonlinna")
    assert glossary_rows(bot, group) == [("Savonlinna",)]
    sentence = "We meet in Savonlinna with the partners tomorrow."
    posted = bot.sim.post(group, admin, sentence)
    await bot.settle()
    [reply] = replies_to(bot, group, posted["message_id"])
    assert "Savonlinna" in reply and "SAVONLINNA" not in reply
    await bot.new_messages(group)  # the translation reply

    [answer] = await bot.say(group, admin, "/glossary remove savonlinna")  # any case
    assert answer.plain == "“savonlinna” was removed from the glossary."
    assert glossary_rows(bot, group) == []
    [listing] = await bot.say(group, admin, "/glossary")
    assert "This group: —" in listing.plain.splitlines()
    assert "Savonlinna" not in listing.plain and "Z-Park" in listing.plain

    # The very same sentence again: no cached translation brings the kept term back.
    posted = bot.sim.post(group, admin, sentence)
    await bot.settle()
    [reply] = replies_to(bot, group, posted["message_id"])
    assert "SAVONLINNA" in reply and "Savonlinna" not in reply and "WE MEET IN" in reply
    await bot.new_messages(group)

    [again] = await bot.say(group, admin, "/glossary remove Savonlinna")
    assert again.plain == "“Savonlinna” is not in this group's glossary."
