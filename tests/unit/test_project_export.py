"""The funders' CSV: typed text never becomes a spreadsheet formula."""

from __future__ import annotations

import pytest

from bot.projects.export import cell


@pytest.mark.parametrize("typed", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=", "-"])
def test_text_that_a_spreadsheet_would_run_is_quoted(typed: str) -> None:
    assert cell(typed) == "'" + typed


@pytest.mark.parametrize("value", ["Lunar base", "", " =1", "1-2", "'=1", "Проект", "项目"])
def test_other_text_is_left_alone(value: str) -> None:
    assert cell(value) == value


def test_numbers_the_bot_writes_are_left_alone() -> None:
    assert cell(-5) == -5 and cell(12) == 12
