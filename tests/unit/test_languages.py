"""Which language the bot answers in."""

from __future__ import annotations

import pytest

from bot.common.languages import base_language, parse_language_list, resolve_language


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("zh-hans", "zh"),
        ("zh-CN", "zh"),
        ("fi-FI", "fi"),
        ("ru", "ru"),
        ("en-GB", "en"),
        ("pt-br", None),
        ("", None),
        (None, None),
    ],
)
def test_telegram_codes_are_cut_to_their_base(code: str | None, expected: str | None) -> None:
    assert base_language(code) == expected


def test_resolution_order() -> None:
    assert resolve_language("fi", "ru", "zh", "en") == "fi"  # the user's choice first
    assert resolve_language(None, "zh-hans", "ru", "en") == "zh"  # then Telegram's code
    assert resolve_language(None, "pt-br", "ru", "en") == "ru"  # then the chat's
    assert resolve_language(None, None, None, "fi") == "fi"  # then the configured default


def test_language_lists_split_known_from_unknown() -> None:
    assert parse_language_list(["ru,zh", "FI", "ru", "de"]) == (["ru", "zh", "fi"], ["de"])
