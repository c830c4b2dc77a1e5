"""Long replies are cut so no part exceeds Telegram's 4096 visible characters."""

from __future__ import annotations

from bot.common.chunks import TELEGRAM_LIMIT, split_html, visible_length


def test_visible_length_counts_text_not_markup() -> None:
    assert visible_length("<b>a &amp; b</b>") == 5
    assert visible_length("😀") == 2  # UTF-16 code units, as Telegram counts


def test_short_text_is_one_part() -> None:
    assert split_html("<b>hi</b>\nthere") == ["<b>hi</b>\nthere"]


def test_many_lines_are_split_between_lines_and_nothing_is_lost() -> None:
    lines = [f"<b>{i:04d}</b> " + "x" * 90 for i in range(200)]
    parts = split_html("\n".join(lines))
    assert len(parts) > 1
    assert all(visible_length(part) <= TELEGRAM_LIMIT for part in parts)
    assert "\n".join(parts).split("\n") == lines


def test_one_huge_line_is_cut_on_spaces_and_stays_escaped() -> None:
    text = " ".join(["a&amp;b"] * 2000)  # 2000 × 3 visible + spaces
    parts = split_html(text)
    assert len(parts) == 2
    assert all(visible_length(part) <= TELEGRAM_LIMIT for part in parts)
    assert all("&amp;" in part and "&b" not in part.replace("&amp;", "") for part in parts)
