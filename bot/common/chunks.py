"""Split long HTML replies at line breaks so Telegram never refuses one for its length."""

from __future__ import annotations

import html
import re

TELEGRAM_LIMIT = 4096
_TAG = re.compile(r"<[^>]+>")


def visible_length(text: str) -> int:
    """Length Telegram counts: tags removed, entities decoded, in UTF-16 code units."""
    plain = html.unescape(_TAG.sub("", text))
    return len(plain.encode("utf-16-le")) // 2


def split_html(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Cut `text` into parts within `limit`, between lines; each line must close its own tags."""
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for line in text.split("\n"):
        for piece in _split_line(line, limit):
            length = visible_length(piece)
            extra = length + (1 if current else 0)
            if current and size + extra > limit:
                parts.append("\n".join(current))
                current, size = [], 0
                extra = length
            current.append(piece)
            size += extra
    if current and any(piece.strip() for piece in current):
        parts.append("\n".join(current))
    return parts or [text]


def _split_line(line: str, limit: int) -> list[str]:
    """A single over-long line loses its markup and is cut on spaces (or anywhere)."""
    if visible_length(line) <= limit:
        return [line]
    plain = html.unescape(_TAG.sub("", line))
    pieces: list[str] = []
    while plain:
        cut = _cut_point(plain, limit)
        pieces.append(html.escape(plain[:cut].rstrip(), quote=False))
        plain = plain[cut:].lstrip()
    return pieces


def _cut_point(plain: str, limit: int) -> int:
    """The longest prefix within `limit` UTF-16 units, preferring to end at a space."""
    units = 0
    end = 0
    for index, char in enumerate(plain):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            break
        end = index + 1
    if end >= len(plain):
        return end
    space = plain.rfind(" ", 0, end)
    return space if space > end // 2 else max(end, 1)
