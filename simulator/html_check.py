"""Telegram-HTML parsing so the simulator refuses exactly what the real Bot API refuses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# Tag -> MessageEntity type, mirroring the Bot API "HTML style" list.
ENTITY_TYPES: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
NAMED_ENTITIES: dict[str, str] = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8})|([a-zA-Z][a-zA-Z0-9]*));")


class EntityParseError(ValueError):
    """Raised with Telegram's wording (minus the "Bad Request" prefix) for unparsable HTML."""


@dataclass
class ParsedText:
    """Visible text plus the MessageEntity dicts Telegram would derive from the markup."""

    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _OpenTag:
    """A start tag waiting for its end tag."""

    name: str
    offset: int
    attrs: dict[str, str]


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram uses for limits and entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(source: str, index: int) -> int:
    """Telegram reports positions as UTF-8 byte offsets."""
    return len(source[:index].encode("utf-8"))


def _decode_entity(source: str, index: int, *, strict: bool) -> tuple[str, int]:
    """Decode the character reference at ``index``; returns (text, next index)."""
    match = _ENTITY_RE.match(source, index)
    if match is not None:
        dec, hexa, name = match.groups()
        if name is not None:
            if name in NAMED_ENTITIES:
                return NAMED_ENTITIES[name], match.end()
            if strict:
                raise EntityParseError(
                    f'Unsupported HTML entity "&{name};" at byte offset '
                    f"{_byte_offset(source, index)}"
                )
        else:
            code = int(dec, 10) if dec is not None else int(hexa, 16)
            if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
                return chr(code), match.end()
            if strict:
                raise EntityParseError(
                    f"Invalid character reference at byte offset {_byte_offset(source, index)}"
                )
    if strict:
        raise EntityParseError(
            f'Unescaped "&" (use &amp;) at byte offset {_byte_offset(source, index)}'
        )
    return "&", index + 1


def _decode_attr(value: str) -> str:
    """Attribute values may hold character references; decode them leniently."""
    out: list[str] = []
    i = 0
    while i < len(value):
        if value[i] == "&":
            text, i = _decode_entity(value, i, strict=False)
            out.append(text)
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def _parse_start_tag(source: str, begin: int) -> tuple[str, dict[str, str], int]:
    """Parse ``<name attr=...>`` at ``begin``; returns (name, attributes, index after '>')."""
    n = len(source)
    i = begin + 1
    while i < n and not source[i].isspace() and source[i] != ">":
        i += 1
    if i >= n:
        raise EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(source, begin)}")
    name = source[begin + 1 : i].lower()
    if name not in ENTITY_TYPES:
        raise EntityParseError(
            f'Unsupported start tag "{name}" at byte offset {_byte_offset(source, begin)}'
        )
    attrs: dict[str, str] = {}
    while True:
        while i < n and source[i].isspace():
            i += 1
        if i >= n:
            raise EntityParseError(
                f"Unclosed start tag at byte offset {_byte_offset(source, begin)}"
            )
        if source[i] == ">":
            return name, attrs, i + 1
        start = i
        while i < n and not source[i].isspace() and source[i] not in "=>":
            i += 1
        attr = source[start:i].lower()
        if not attr:
            raise EntityParseError(
                f'Empty attribute name in the tag "{name}" at byte offset '
                f"{_byte_offset(source, begin)}"
            )
        while i < n and source[i].isspace():
            i += 1
        if i < n and source[i] == "=":
            i += 1
            while i < n and source[i].isspace():
                i += 1
            if i < n and source[i] in "'\"":
                end = source.find(source[i], i + 1)
                if end < 0:
                    raise EntityParseError(
                        f"Unclosed start tag at byte offset {_byte_offset(source, begin)}"
                    )
                attrs[attr] = _decode_attr(source[i + 1 : end])
                i = end + 1
            else:
                start = i
                while i < n and not source[i].isspace() and source[i] != ">":
                    i += 1
                attrs[attr] = _decode_attr(source[start:i])
        else:
            attrs[attr] = ""


def _check_tag(source: str, begin: int, name: str, attrs: dict[str, str]) -> None:
    """Tags with mandatory attributes, as Telegram enforces them."""
    where = _byte_offset(source, begin)
    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise EntityParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {where}')
    if name == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
        raise EntityParseError(f'Tag "tg-emoji" must have attribute "emoji-id" at byte {where}')


def _make_entity(tag: _OpenTag, length: int, inside_pre: bool) -> dict[str, Any] | None:
    """Turn a closed tag into a MessageEntity dict (None when Telegram would drop it)."""
    kind = ENTITY_TYPES[tag.name]
    entity: dict[str, Any] = {"type": kind, "offset": tag.offset, "length": length}
    if kind == "text_link":
        href = tag.attrs.get("href", "")
        if not href:
            return None
        entity["url"] = href
    elif kind == "custom_emoji":
        entity["custom_emoji_id"] = tag.attrs["emoji-id"]
    elif kind == "blockquote" and "expandable" in tag.attrs:
        entity["type"] = "expandable_blockquote"
    elif kind == "pre" and tag.attrs.get("_language"):
        entity["language"] = tag.attrs["_language"]
    elif kind == "code" and inside_pre and tag.attrs.get("class", "").startswith("language-"):
        return None
    return entity


def parse_html(source: str, *, strict: bool = True) -> ParsedText:
    """Parse Telegram HTML; ``strict`` also refuses a bare '&' that real Telegram would keep."""
    out: list[str] = []
    pos = 0  # UTF-16 offset of the next visible character
    stack: list[_OpenTag] = []
    entities: list[dict[str, Any]] = []
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "<" and i + 1 < n and source[i + 1] == "/":
            end = source.find(">", i)
            if end < 0:
                raise EntityParseError(f"Unclosed end tag at byte offset {_byte_offset(source, i)}")
            name = source[i + 2 : end].strip().lower()
            if not stack:
                raise EntityParseError(
                    f"Unexpected end tag at byte offset {_byte_offset(source, i)}"
                )
            if stack[-1].name != name:
                raise EntityParseError(
                    f"Unmatched end tag at byte offset {_byte_offset(source, i)}, "
                    f'expected "</{stack[-1].name}>", found "</{name}>"'
                )
            tag = stack.pop()
            inside_pre = any(t.name == "pre" for t in stack)
            length = pos - tag.offset
            if length > 0:
                entity = _make_entity(tag, length, inside_pre)
                if entity is not None:
                    entities.append(entity)
                elif tag.name == "code" and inside_pre:
                    pre = next(t for t in reversed(stack) if t.name == "pre")
                    pre.attrs.setdefault("_language", tag.attrs["class"][len("language-") :])
            i = end + 1
        elif ch == "<":
            name, attrs, nxt = _parse_start_tag(source, i)
            _check_tag(source, i, name, attrs)
            stack.append(_OpenTag(name=name, offset=pos, attrs=attrs))
            i = nxt
        elif ch == "&":
            text, i = _decode_entity(source, i, strict=strict)
            out.append(text)
            pos += utf16_len(text)
        else:
            out.append(ch)
            pos += 2 if ord(ch) > 0xFFFF else 1
            i += 1
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return ParsedText(text="".join(out), entities=entities)


def strip_html(source: str) -> str:
    """Best-effort visible text for display; never raises."""
    try:
        return parse_html(source, strict=False).text
    except EntityParseError:
        return re.sub(r"<[^>]*>", "", source)
