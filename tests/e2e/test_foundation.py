"""Foundation features as users meet them: greeting, help, language, settings, safety."""

from __future__ import annotations

import io
import logging
import sqlite3
from pathlib import Path

import pytest
from telegram.error import BadRequest
from telegram.ext import CommandHandler

from bot.app.logs import setup_logging
from bot.common.i18n import translator
from handlers.common.replies import send_html
from tests.database_dump import dump
from tests.e2e.conftest import TOKEN, Bot, BotFactory


async def test_start_in_private_greets_by_name_in_the_users_language(bot: Bot) -> None:
    olga = bot.sim.add_user("Ольга", language_code="ru")
    [answer] = await bot.say(bot.sim.private_chat(olga), olga, "/start")
    assert "Здравствуйте, Ольга!" in answer.plain
    assert "/language" in answer.plain and "/help" in answer.plain


async def test_start_in_a_group_explains_setup(bot: Bot) -> None:
    li = bot.sim.add_user("Li", language_code="zh-hans")
    group = bot.sim.add_group("Z-Park × Polytech", members=[li])
    [answer] = await bot.say(group, li, "/start")
    assert "/settings" in answer.plain and "协调员" in answer.plain
    assert answer.reply_to is not None  # quotes the command in a busy group


async def test_help_lists_only_what_the_caller_may_use(bot: Bot) -> None:
    member = bot.sim.add_user("Mikko", language_code="fi-FI")
    admin = bot.sim.add_user("Anna", language_code="en")
    group = bot.sim.add_group("Savonlinna", members=[member, admin])
    bot.sim.set_admin(group, admin, "administrator")

    [private_help] = await bot.say(bot.sim.private_chat(member), member, "/help")
    assert "/language" in private_help.plain and "/settings" not in private_help.plain
    assert "Yleiset" in private_help.plain  # Finnish section title
    listed = {line.split()[0] for line in private_help.plain.splitlines() if line[:1] == "/"}
    assert {"/meetings", "/projects", "/tr"} <= listed  # open to everyone
    # In no delegation yet: nothing they would be refused is offered.
    assert not listed & {"/meet", "/propose", "/support", "/stage", "/invite", "/reschedule"}

    [member_help] = await bot.say(group, member, "/help")
    assert "/settings" not in member_help.plain
    [admin_help] = await bot.say(group, admin, "/help")
    assert "/settings" in admin_help.plain and "Coordination" in admin_help.plain


async def test_language_button_applies_at_once_and_is_remembered(
    start_bot: BotFactory, tmp_path: Path
) -> None:
    bot = await start_bot()
    anna = bot.sim.add_user("Anna", language_code="en")
    chat = bot.sim.private_chat(anna)
    [menu] = await bot.say(chat, anna, "/language")
    assert [button["text"] for button in menu.flat_buttons] == [
        "English",
        "Русский",
        "中文",
        "Suomi",
    ]
    await bot.press(chat, menu, anna, index=1)
    assert "Готово" in bot.sim.message(chat.id, menu.message_id).plain
    [help_ru] = await bot.say(chat, anna, "/help")
    assert "Команды, доступные вам здесь" in help_ru.plain


async def test_language_choice_survives_a_restart(start_bot: BotFactory, tmp_path: Path) -> None:
    first = await start_bot()
    anna = first.sim.add_user("Anna", language_code="en")
    chat = first.sim.private_chat(anna)
    [menu] = await first.say(chat, anna, "/language")
    await first.press(chat, menu, anna, index=3)
    await first.app.updater.stop()  # type: ignore[union-attr]
    await first.app.stop()
    second = await start_bot()
    second.seen = dict(first.seen)
    [answer] = await second.say(chat, anna, "/help")
    assert "Komennot" in answer.plain


async def test_forged_language_button_changes_nothing(bot: Bot) -> None:
    anna = bot.sim.add_user("Anna", language_code="en")
    chat = bot.sim.private_chat(anna)
    [menu] = await bot.say(chat, anna, "/language")
    before = dump(bot.settings.database)
    answer = await bot.press(chat, menu, anna, data="lang:1:de")
    assert answer is not None and "no longer valid" in answer["text"]
    answer = await bot.press(chat, menu, anna, data="lang:9:ru")
    assert answer is not None and "no longer valid" in answer["text"]
    assert dump(bot.settings.database) == before


async def test_settings_bad_time_zone_gets_a_clear_error_and_changes_nothing(bot: Bot) -> None:
    admin = bot.sim.add_user("Anna", language_code="ru")
    group = bot.sim.add_group("Polytech", members=[admin])
    bot.sim.set_admin(group, admin, "creator")
    await bot.say(group, admin, "/settings")
    before = dump(bot.settings.database)
    [answer] = await bot.say(group, admin, "/settings timezone Mars/Olympus_Mons")
    assert "Mars/Olympus_Mons" in answer.plain and "Asia/Shanghai" in answer.plain
    assert "не знаю" in answer.plain
    [answer] = await bot.say(group, admin, "/settings languages ru de")
    assert "de" in answer.plain and "/settings languages ru zh fi" in answer.plain
    [answer] = await bot.say(group, admin, "/settings colour blue")
    assert "colour" in answer.plain
    assert dump(bot.settings.database) == before


async def test_settings_changes_zone_and_languages(bot: Bot) -> None:
    admin = bot.sim.add_user("Anna", language_code="en")
    group = bot.sim.add_group("Polytech", members=[admin])
    bot.sim.set_admin(group, admin, "administrator")
    [answer] = await bot.say(group, admin, "/settings timezone europe/moscow")
    assert "Europe/Moscow" in answer.plain
    [answer] = await bot.say(group, admin, "/settings languages ru zh fi")
    assert "Русский, 中文, Suomi" in answer.plain
    [card] = await bot.say(group, admin, "/settings")
    assert "Europe/Moscow" in card.plain and "3 languages: Русский, 中文, Suomi" in card.plain
    ticks = [button["text"] for button in card.flat_buttons]
    assert ticks[0].startswith("▫️") and all(t.startswith("✅") for t in ticks[1:])

    answer_to_press = await bot.press(group, card, admin, index=3)  # untick Suomi
    assert answer_to_press is not None
    edited = bot.sim.message(group.id, card.message_id)
    assert "2 languages: Русский, 中文" in edited.plain
    bot.sim.set_admin(group, admin, "member")
    refused = await bot.press(group, edited, admin, index=0)
    assert refused is not None and "Only coordinators" in refused["text"]


async def test_a_group_keeps_at_least_one_language(bot: Bot) -> None:
    admin = bot.sim.add_user("Anna", language_code="en")
    group = bot.sim.add_group("Polytech", members=[admin])
    bot.sim.set_admin(group, admin, "creator")
    [card] = await bot.say(group, admin, "/settings")  # default: English only
    answer = await bot.press(group, card, admin, index=0)
    assert answer is not None and "at least one language" in answer["text"]


async def test_non_coordinator_is_refused_and_nothing_changes(bot: Bot) -> None:
    member = bot.sim.add_user("Mikko", language_code="fi")
    group = bot.sim.add_group("Savonlinna", members=[member])
    await bot.say(group, member, "/start")
    before = dump(bot.settings.database)
    [answer] = await bot.say(group, member, "/settings timezone Europe/Helsinki")
    assert "Vain koordinaattorit" in answer.plain
    assert dump(bot.settings.database) == before


async def test_configured_coordinator_and_anonymous_admin_may_change_settings(
    start_bot: BotFactory,
) -> None:
    bot = await start_bot(coordinators=frozenset({555}))
    coordinator = bot.sim.add_user("Coordinator", language_code="en", user_id=555)
    group = bot.sim.add_group("Tuspark", members=[coordinator])
    [answer] = await bot.say(group, coordinator, "/settings timezone Asia/Shanghai")
    assert "Asia/Shanghai" in answer.plain
    bot.sim.post_as_chat(group, "/settings timezone Europe/Helsinki")
    [answer] = await bot.new_messages(group)
    assert "Europe/Helsinki" in answer.plain


async def test_settings_in_private_points_to_the_group(bot: Bot) -> None:
    anna = bot.sim.add_user("Anna", language_code="en")
    [answer] = await bot.say(bot.sim.private_chat(anna), anna, "/settings")
    assert "group" in answer.plain and "/language" in answer.plain


async def test_unknown_command_in_private_points_to_help(bot: Bot) -> None:
    anna = bot.sim.add_user("Anna", language_code="zh")
    [answer] = await bot.say(bot.sim.private_chat(anna), anna, "/frobnicate")
    assert "/help" in answer.plain and "命令" in answer.plain


async def test_long_text_is_split_and_telegram_limit_is_real(bot: Bot) -> None:
    anna = bot.sim.add_user("Anna")
    chat = bot.sim.private_chat(anna)
    text = "\n".join(f"{i:03d} " + "z" * 95 for i in range(60))  # 6,000 characters
    raw = [call for call in bot.sim.calls if call.method == "sendMessage"]
    with pytest.raises(BadRequest, match="too long"):
        await bot.app.bot.send_message(chat.id, text)
    await send_html(bot.app.bot, chat.id, text)
    parts = bot.sim.bot_messages(chat)
    assert len(parts) == 2 and "\n".join(p.text for p in parts) == text
    assert len([c for c in bot.sim.calls if c.method == "sendMessage"]) == len(raw) + 3


async def test_errors_are_logged_redacted_and_apologised_for(bot: Bot) -> None:
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    handler = setup_logging("DEBUG", stream)

    async def boom(*_: object) -> None:
        raise RuntimeError(f"exploded while calling {bot.settings.api_url}{TOKEN}/sendMessage")

    bot.app.add_handler(CommandHandler("boom", boom))
    try:
        anna = bot.sim.add_user("Anna", language_code="fi")
        chat = bot.sim.add_group("Savonlinna", members=[anna])
        await bot.say(chat, anna, "/start")
        [answer] = await bot.say(chat, anna, "/boom")
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    expected = translator("fi").t("Sorry, something went wrong on my side. Please try again.")
    assert answer.plain == expected
    assert "Traceback" not in answer.plain and "RuntimeError" not in answer.plain
    log = stream.getvalue()
    assert "RuntimeError" in log and "exploded" in log
    assert TOKEN not in log and TOKEN.split(":")[1] not in log


async def test_command_menus_are_localized_per_language(bot: Bot) -> None:
    menus = bot.sim.commands
    languages = {language for _scope, language in menus}
    assert {"", "en", "ru", "zh", "fi"} <= languages
    ru = next(cmds for (scope, lang), cmds in menus.items() if lang == "ru" and "default" in scope)
    descriptions = {c["command"]: c["description"] for c in ru}
    assert descriptions["language"] == translator("ru").t(
        "Choose the language the bot speaks to you"
    )
    assert "settings" not in descriptions
    admins = next(
        cmds
        for (scope, lang), cmds in menus.items()
        if lang == "fi" and "all_chat_administrators" in scope
    )
    assert "settings" in {c["command"] for c in admins}


async def test_group_that_becomes_a_supergroup_keeps_its_settings(bot: Bot) -> None:
    admin = bot.sim.add_user("Anna", language_code="en")
    group = bot.sim.add_group("Polytech", members=[admin])
    bot.sim.set_admin(group, admin, "creator")
    await bot.say(group, admin, "/settings timezone Europe/Moscow")
    new_id = bot.sim.migrate_group(group)
    await bot.settle()
    supergroup = bot.sim.chat(new_id)
    [card] = await bot.say(supergroup, admin, "/settings")
    assert "Europe/Moscow" in card.plain


async def test_removed_bot_marks_the_chat_inactive(bot: Bot) -> None:
    anna = bot.sim.add_user("Anna")
    group = bot.sim.add_group("Polytech", members=[anna])
    await bot.say(group, anna, "/start")
    bot.sim.kick_bot(group)
    await bot.settle()
    with sqlite3.connect(bot.settings.database) as conn:
        assert conn.execute("SELECT active FROM chats WHERE id = ?", (group.id,)).fetchone() == (0,)


async def test_configured_coordinators_get_the_full_menu_privately(start_bot: BotFactory) -> None:
    bot = await start_bot(coordinators=frozenset({555}))
    scoped = [cmds for (scope, lang), cmds in bot.sim.commands.items() if '"chat_id": 555' in scope]
    assert scoped and all("register" in {c["command"] for c in cmds} for cmds in scoped)


async def test_help_offers_heads_and_members_their_commands(start_bot: BotFactory) -> None:
    bot = await start_bot(coordinators=frozenset({555}))
    cora = bot.sim.add_user("Cora", language_code="en", user_id=555)
    await bot.say(
        bot.sim.private_chat(cora),
        cora,
        "/register Z-Park | Zhongguancun | CN | Beijing | zh | Asia/Shanghai | space",
    )
    hanna = bot.sim.add_user("Hanna", language_code="en")
    chat = bot.sim.private_chat(hanna)
    [link] = await bot.say(bot.sim.private_chat(cora), cora, "/invite Z-Park")
    await bot.say(chat, hanna, "/start " + link.plain.split("start=")[1].split()[0])

    def listed(text: str) -> set[str]:
        return {line.split()[0] for line in text.splitlines() if line[:1] == "/"}

    [member_help] = await bot.say(chat, hanna, "/help")
    assert {"/propose", "/support"} <= listed(member_help.plain)
    assert not listed(member_help.plain) & {"/meet", "/invite", "/stage"}
    [head_help] = await bot.say(bot.sim.private_chat(cora), cora, "/help")
    assert {"/meet", "/invite", "/stage", "/propose", "/register"} <= listed(head_help.plain)
