"""Language detection of short chat lines and the prefilter that skips untranslatable ones."""

from __future__ import annotations

import threading
import time

import pytest

from bot.translation import detect, needs_translation
from bot.translation import detection as detection_module
from bot.translation.detection import MIN_CONFIDENCE

CHAT_LINES: dict[str, list[str]] = {
    "en": [
        "Hello everyone",
        "See you tomorrow",
        "Thanks a lot",
        "Where is the meeting?",
        "Good morning",
        "Sounds good to me",
        "I will be late",
        "Can we move it to Friday?",
        "Great news",
        "Let's meet at the park",
        "Who is coming?",
        "Please send the slides",
        "Nice to meet you",
        "Welcome!",
        "Agreed",
        "Good idea",
        "See you soon",
        "Sorry",
        "no problem",
        "The delegation lands at 15:30",
    ],
    "ru": [
        "Привет всем",
        "До завтра",
        "Спасибо большое",
        "Где встреча?",
        "Доброе утро",
        "Я опоздаю",
        "Отлично",
        "Согласен",
        "Хорошо",
        "Когда?",
        "Пришлите презентацию",
        "Добро пожаловать",
        "Кто придёт?",
    ],
    "zh": [
        "你好",
        "明天见",
        "谢谢",
        "会议在哪里？",
        "早上好",
        "我会迟到",
        "好的",
        "同意",
        "欢迎",
        "几点？",
        "请发幻灯片",
        "没问题",
        "大家好",
    ],
    "fi": [
        "Hyvää huomenta",
        "Kiitos paljon",
        "Nähdään huomenna",
        "Missä kokous on?",
        "Tervetuloa",
        "Myöhästyn vähän",
        "Hyvä idea",
        "Sopii minulle",
        "Moi kaikille",
        "Kiitos",
        "Kuka tulee?",
        "Mihin aikaan?",
        "Selvä",
        "Lähetä diat",
        "Hyvää päivää",
        "kyllä",
        "Mahtavaa",
        "Anteeksi",
    ],
}

# Nothing to translate: too short, interjections, no letters, links, code, commands.
NOT_TRANSLATED = [
    "ok",
    "OK",
    "lol",
    "ja",
    "kk",
    "xD",
    "haha",
    "хаха",
    "lol ok",
    "👍",
    "👍👍🎉",
    "15:00",
    "+1",
    "...",
    "100%",
    "https://example.com",
    "https://example.com/some/long-path?x=1 ",
    "t.me/parkbridge",
    "`make test`",
    "```\nprint('hi')\n```",
    "/start",
    "/meeting@parkbridge_bot tomorrow",
    "   \n\t ",
    "",
    "@anna",
    "Да",
    "好",
]

# lingua guesses these wrong with low confidence: we would rather say nothing.
UNSURE = ["Hi all", "Onnea", "privet kak dela", "Hei", "Terve"]


@pytest.mark.parametrize(
    ("language", "line"),
    [(language, line) for language, lines in CHAT_LINES.items() for line in lines],
)
def test_short_chat_lines_are_detected_right(language: str, line: str) -> None:
    assert needs_translation(line)
    found = detect(line)
    assert found is not None, line
    assert found.language == language
    assert MIN_CONFIDENCE <= found.confidence <= 1.0


@pytest.mark.parametrize("line", NOT_TRANSLATED)
def test_lines_without_language_are_not_translated(line: str) -> None:
    assert not needs_translation(line)


# Commands are kept from translation by needs_translation (the test above); their words are
# real words, so the detector itself may well name a language for them.
WORDLESS = [line for line in NOT_TRANSLATED if not line.startswith("/")]


@pytest.mark.parametrize("line", [*WORDLESS, *UNSURE])
def test_detection_stays_silent_when_unsure(line: str) -> None:
    assert detect(line) is None


def test_links_code_and_mentions_do_not_count_as_language() -> None:
    assert needs_translation("Slides: https://example.com/deck.pdf please review them")
    found = detect("@anna смотри https://example.com/deck.pdf `git pull` пожалуйста")
    assert found is not None and found.language == "ru"
    assert needs_translation("Hei @anna, mitä kuuluu?")


def test_the_detector_is_built_once_even_from_many_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    builds: list[object] = []

    def slow_build() -> object:
        time.sleep(0.05)
        builds.append(object())
        return builds[-1]

    monkeypatch.setattr(detection_module, "_detector", None)
    monkeypatch.setattr(detection_module, "_build", slow_build)
    seen: list[object] = []
    threads = [
        threading.Thread(target=lambda: seen.append(detection_module.detector())) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1 and all(item is builds[0] for item in seen)
