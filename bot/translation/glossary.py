"""Keep names and terms exactly as written by hiding them from the machine translator.

Each glossary term found in a message is replaced by a placeholder `ZXQ<n>QXZ` before the
text goes to a backend, and put back afterwards in the spelling the message used. Why this
shape: upper-case Latin letters that form no word in en/ru/zh/fi look like a code, which
translators copy rather than translate or transliterate; brackets such as ⟦0⟧ tend to be
dropped or spaced out. The digits are written as a palindrome (12 → 121) and the frame is
a palindrome too, so the token survives upper/lower-casing, word reordering and even a
backend that reverses characters; restoring also tolerates spaces inside the token
("ZXQ 0 QXZ") and a Finnish case ending glued to it stays glued to the restored term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.translation.scripts import char_script

_TOKEN = re.compile(r"ZXQ\s*(\d+)\s*QXZ", re.IGNORECASE)


def placeholder(index: int) -> str:
    """The token for the index-th protected spelling in one message."""
    digits = str(index)
    return f"ZXQ{digits}{digits[:-1][::-1]}QXZ"


def _index(digits: str) -> int | None:
    half = digits[: (len(digits) + 1) // 2]
    return int(half) if half + half[:-1][::-1] == digits else None


def _term_pattern(term: str) -> str:
    body = r"\s+".join(re.escape(word) for word in term.split())
    if any(char_script(char) == "han" for char in term):
        return body  # CJK has no spaces between words: match anywhere
    return rf"(?<!\w){body}(?!\w)"


def protect(text: str, terms: Iterable[str]) -> tuple[str, dict[str, str]]:
    """Replace every glossary term (case-insensitive) with a placeholder; return the mapping."""
    unique: dict[str, str] = {}
    for term in terms:
        cleaned = " ".join(term.split())
        if cleaned:
            unique.setdefault(cleaned.casefold(), cleaned)
    if not unique:
        return text, {}
    ordered = sorted(unique.values(), key=len, reverse=True)  # longest term wins
    pattern = re.compile("|".join(_term_pattern(term) for term in ordered), re.IGNORECASE)
    mapping: dict[str, str] = {}
    by_spelling: dict[str, str] = {}

    def hide(match: re.Match[str]) -> str:
        spelling = match.group(0)
        token = by_spelling.get(spelling)
        if token is None:
            token = placeholder(len(by_spelling))
            by_spelling[spelling] = token
            mapping[token] = spelling
        return token

    return pattern.sub(hide, text), mapping


def without_placeholders(text: str) -> str:
    """The text with every placeholder removed, to see what is left for a translator."""
    return _TOKEN.sub(" ", text)


def restore(text: str, mapping: dict[str, str]) -> str:
    """Put the original spellings back wherever a placeholder survived translation."""
    if not mapping:
        return text

    def show(match: re.Match[str]) -> str:
        index = _index(match.group(1))
        if index is None:
            return match.group(0)
        return mapping.get(placeholder(index), match.group(0))

    return _TOKEN.sub(show, text)
