"""Error and quota texts returned in place of a translation are recognised as errors."""

from __future__ import annotations

import pytest

from bot.translation.answers import check_answer
from bot.translation.backend import BadAnswer
from tests.fakes import QUOTA_TEXT


@pytest.mark.parametrize(
    "answer",
    [
        QUOTA_TEXT,
        "QUERY LENGTH LIMIT EXCEEDED. MAX ALLOWED QUERY : 500 CHARS",
        "INVALID LANGUAGE PAIR SPECIFIED. EXAMPLE: LANGPAIR=EN|IT USING 2 LETTER ISO OR RFC3066",
        "'AUTO' IS AN INVALID SOURCE LANGUAGE . EXAMPLE: LANGPAIR=EN|IT",
        "PLEASE SELECT TWO DISTINCT LANGUAGES",
        "",
        "   ",
        None,
        42,
    ],
)
def test_error_texts_and_non_texts_are_bad_answers(answer: object) -> None:
    with pytest.raises(BadAnswer):
        check_answer(answer, "Доброе утро всем", "ru", "en")


def test_a_real_translation_passes() -> None:
    assert check_answer("Good morning everyone", "Доброе утро всем", "ru", "en") == (
        "Good morning everyone"
    )


def test_a_list_of_lines_is_joined() -> None:
    assert check_answer(["Hyvää", "huomenta"], "Good morning", "en", "fi") == "Hyvää\nhuomenta"


def test_a_marker_the_user_wrote_is_not_an_error() -> None:
    text = "Why does it say INVALID LANGUAGE PAIR?"
    answer = "Почему там написано INVALID LANGUAGE PAIR?"
    assert check_answer(answer, text, "en", "ru") == answer


def test_unchanged_text_in_another_script_is_a_bad_answer() -> None:
    with pytest.raises(BadAnswer):
        check_answer("Где встреча?", "Где встреча?", "ru", "fi")
    with pytest.raises(BadAnswer):
        check_answer("会议在哪里？", "会议在哪里？", "zh", "en")


def test_unchanged_names_and_short_latin_lines_are_fine() -> None:
    assert check_answer("Savonlinna", "Savonlinna", "fi", "en") == "Savonlinna"
    assert check_answer("IBM, Nokia", "IBM, Nokia", "ru", "en") == "IBM, Nokia"  # no Cyrillic
    assert check_answer("Hotel Casino Spa", "Hotel Casino Spa", "en", "fi") == "Hotel Casino Spa"


def test_an_unchanged_long_sentence_between_latin_languages_is_a_bad_answer() -> None:
    text = "We will meet at the main gate tomorrow"
    with pytest.raises(BadAnswer):
        check_answer(text, text, "en", "fi")
