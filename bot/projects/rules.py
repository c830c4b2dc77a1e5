"""What a valid project proposal looks like, and what to tell a user whose input is not."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from bot.common.i18n import N_
from bot.common.problems import Invalid
from bot.delegations.rules import clean

TITLE_MIN, TITLE_MAX = 3, 120
SUMMARY_MAX = 2000
REASON_MAX = 500
CURRENCIES: tuple[str, ...] = ("CNY", "RUB", "EUR", "USD")
AMOUNT_MAX = Decimal("1000000000000")  # a trillion: anything above is a typo
# Symbols and local words people type for the four currencies.
CURRENCY_WORDS: dict[str, str] = {
    "¥": "CNY",
    "元": "CNY",
    "rmb": "CNY",
    "yuan": "CNY",
    "юаней": "CNY",
    "₽": "RUB",
    "руб": "RUB",
    "руб.": "RUB",
    "рублей": "RUB",
    "€": "EUR",
    "euro": "EUR",
    "euroa": "EUR",
    "евро": "EUR",
    "$": "USD",
    "долларов": "USD",
}
STEPS = ("title", "summary", "areas", "lead", "partners", "funding", "target")


@dataclass
class ProjectDraft:
    """The fields of a project being proposed."""

    title: str = ""
    summary: str = ""
    areas: list[str] = field(default_factory=list)
    lead_id: int | None = None
    partner_ids: list[int] = field(default_factory=list)
    amount: Decimal | None = None
    currency: str | None = None
    target_date: date | None = None


@dataclass(frozen=True)
class Money:
    """A positive amount with at most two decimals, in one of the four currencies."""

    amount: Decimal
    currency: str

    @property
    def minor(self) -> int:
        """The amount in cents (fen, kopecks), as stored."""
        return int(self.amount * 100)


def check_title(text: str) -> str | Invalid:
    """3–120 characters on one line."""
    title = clean(text)
    if not TITLE_MIN <= len(title) <= TITLE_MAX:
        return Invalid(
            N_(
                "A title must be {min} to {max} characters long; yours has {length}. "
                "Type a short title, for example: Lunar regolith 3D printing"
            ),
            {"min": str(TITLE_MIN), "max": str(TITLE_MAX), "length": str(len(title))},
        )
    return title


def check_summary(text: str) -> str | Invalid:
    """Up to 2000 characters; line breaks are kept."""
    summary = unicodedata.normalize("NFC", text).strip()
    if not summary:
        return Invalid(
            N_("Type a summary of the project (up to {max} characters)."),
            {"max": str(SUMMARY_MAX)},
        )
    if len(summary) > SUMMARY_MAX:
        return Invalid(
            N_(
                "The summary is {length} characters long; the limit is {max}. "
                "Shorten it and send it again."
            ),
            {"length": str(len(summary)), "max": str(SUMMARY_MAX)},
        )
    return summary


def check_reason(text: str) -> str | Invalid:
    """A reason for a rejection: some words, up to 500 characters."""
    reason = clean(text)
    if not reason:
        return Invalid(N_("Type the reason in a few words."))
    if len(reason) > REASON_MAX:
        return Invalid(
            N_("The reason is {length} characters long; the limit is {max}."),
            {"length": str(len(reason)), "max": str(REASON_MAX)},
        )
    return reason


_MONEY_HINT = N_("Type an amount and a currency, for example: 250000 EUR or 1500000.50 CNY.")


def parse_money(text: str) -> Money | Invalid:
    """'250000 EUR', 'EUR 250 000,50', '¥1500000': a positive amount with at most 2 decimals."""
    words = clean(text).replace("\u00a0", " ")
    currency: str | None = None
    unknown: str | None = None
    rest: list[str] = []
    for token in re.findall(r"[^\W\d_]+\.?|[¥₽€$元]|[-+]?[\d\s.,'’_]*\d[\d.,]*", words):
        key = token.strip().casefold()
        if not key:
            continue
        code = token.strip().upper()
        if code in CURRENCIES or key in CURRENCY_WORDS:
            currency = code if code in CURRENCIES else CURRENCY_WORDS[key]
        elif re.fullmatch(r"[^\W\d_]+\.?", token.strip()):
            unknown = token.strip()
        else:
            rest.append(token)
    if unknown is not None:
        return Invalid(
            N_("“{currency}” is not a currency I can record: use CNY, RUB, EUR or USD."),
            {"currency": unknown},
        )
    if currency is None:
        return Invalid(_MONEY_HINT)
    amount = _amount("".join(rest))
    if amount is None:
        return Invalid(_MONEY_HINT)
    if amount <= 0:
        return Invalid(N_("The amount must be more than zero, for example: 250000 EUR."))
    if amount > AMOUNT_MAX:  # first: quantize() fails past Decimal's 28 digits
        return Invalid(N_("That amount is too large to record: type at most 1000000000000."))
    if amount != amount.quantize(Decimal("0.01")):
        return Invalid(
            N_("An amount has at most two decimals (cents, fen, kopecks), for example: 1250.50.")
        )
    return Money(amount, currency)


def _amount(text: str) -> Decimal | None:
    """A typed number with spaces or apostrophes between thousands and . or , for decimals."""
    digits = re.sub(r"[\s'’_]", "", text)
    if not digits:
        return None
    if "," in digits and "." in digits:
        digits = digits.replace(",", "")  # 1,250.50
    elif digits.count(",") == 1 and len(digits.split(",")[1]) != 3:
        digits = digits.replace(",", ".")  # 1250,50
    elif "," in digits:
        digits = digits.replace(",", "")  # 1,250,000
    if digits.count(".") > 1 or not re.fullmatch(r"[-+]?\d*\.?\d+", digits):
        return None
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def parse_target_date(text: str, today: date) -> date | Invalid:
    """YYYY-MM-DD or DD.MM.YYYY, not before `today`."""
    typed = text.strip()
    found: date | None = None
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", typed)
    dotted = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", typed)
    try:
        if iso:
            found = date(int(iso[1]), int(iso[2]), int(iso[3]))
        elif dotted:
            found = date(int(dotted[3]), int(dotted[2]), int(dotted[1]))
    except ValueError:
        found = None
    if found is None:
        return Invalid(
            N_("Type the date as YYYY-MM-DD (or DD.MM.YYYY), for example {example}."),
            {"example": date(today.year + 1, 6, 30).isoformat()},
        )
    if found < today:
        return Invalid(
            N_("{date} is in the past. Type a date from {today} on."),
            {"date": found.isoformat(), "today": today.isoformat()},
        )
    return found
