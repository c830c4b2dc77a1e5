"""Project input rules: titles, summaries, money and dates, with what to type instead."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.common.problems import Invalid
from bot.projects.rules import Money, check_summary, check_title, parse_money, parse_target_date

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("250000 EUR", Money(Decimal("250000"), "EUR")),
        ("EUR 250 000,50", Money(Decimal("250000.50"), "EUR")),
        ("1,250.50 usd", Money(Decimal("1250.50"), "USD")),
        ("¥1500000", Money(Decimal("1500000"), "CNY")),
        ("10 руб.", Money(Decimal("10"), "RUB")),
        ("0.01 RUB", Money(Decimal("0.01"), "RUB")),
    ],
)
def test_money_people_write(typed: str, expected: Money) -> None:
    assert parse_money(typed) == expected


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("12.345 EUR", "at most two decimals"),
        ("-5 EUR", "more than zero"),
        ("0 RUB", "more than zero"),
        ("100 GBP", "use CNY, RUB, EUR or USD"),
        ("100", "Type an amount and a currency"),
        ("EUR", "Type an amount and a currency"),
        ("1.2.3 EUR", "Type an amount and a currency"),
        ("2000000000000 USD", "too large"),
        ("1" * 40 + " EUR", "too large"),  # past Decimal's precision: no crash
        ("1" * 40 + ".125 EUR", "too large"),
    ],
)
def test_money_refused_with_a_hint(typed: str, hint: str) -> None:
    result = parse_money(typed)
    assert isinstance(result, Invalid) and hint in result.message


def test_minor_units_are_exact() -> None:
    money = parse_money("1500000.50 CNY")
    assert isinstance(money, Money) and money.minor == 150000050


def test_dates_today_on_in_two_spellings() -> None:
    assert parse_target_date("2026-11-25", TODAY) == TODAY
    assert parse_target_date("30.06.2027", TODAY) == date(2027, 6, 30)
    past = parse_target_date("2026-11-24", TODAY)
    assert isinstance(past, Invalid) and past.values == {
        "date": "2026-11-24",
        "today": "2026-11-25",
    }
    for typed in ("2027-02-30", "tomorrow", ""):
        assert isinstance(parse_target_date(typed, TODAY), Invalid), typed


def test_title_and_summary_lengths() -> None:
    assert check_title("  Lunar   printing ") == "Lunar printing"
    assert isinstance(check_title("ab"), Invalid)
    assert check_title("t" * 120) == "t" * 120
    assert isinstance(check_title("t" * 121), Invalid)
    assert check_summary("line one\nline two ") == "line one\nline two"
    assert isinstance(check_summary("s" * 2001), Invalid)
    assert isinstance(check_summary("   "), Invalid)
