"""Callback data: one small class per button kind, packed and checked in one place.

Data reads `kind:version:field…`, at most 64 bytes. Parsing is strict (the right kind and
version, every field of its type: ids are ASCII digits, choices members of their enum), so a
forged or stale press parses to None and changes nothing; what it may do is still checked
against the database by the service it calls.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from enum import Enum
from typing import Any, ClassVar, Self, get_type_hints

VERSION = "1"
_ID = re.compile(r"[0-9]{1,12}")
_TEXT = re.compile(r"[A-Za-z0-9_.+-]{0,40}")


@dataclass(frozen=True)
class CallbackData:
    """A parsed `kind:version:arg…` string (the untyped form, for older call sites)."""

    kind: str
    args: tuple[str, ...]


def pack(kind: str, *args: str) -> str:
    """Build callback data; Telegram allows 64 bytes."""
    data = ":".join((kind, VERSION, *args))
    if len(data.encode()) > 64:
        raise ValueError(f"callback data over 64 bytes: {data!r}")
    return data


def unpack(data: str | None, kind: str, arity: int) -> CallbackData | None:
    """Parse data of the expected kind and argument count; None for anything else."""
    if not data:
        return None
    parts = data.split(":")
    if len(parts) != 2 + arity or parts[0] != kind or parts[1] != VERSION:
        return None
    return CallbackData(kind, tuple(parts[2:]))


def as_id(text: str) -> int | None:
    """A database id from callback data: ASCII digits only, bounded, so int() and SQLite agree."""
    return int(text) if _ID.fullmatch(text) else None


# Every button kind, by its prefix: two kinds can never share one (checked at import).
KINDS: dict[str, type[Button]] = {}


@dataclass(frozen=True)
class Button:
    """Base of every button kind: subclass as a frozen dataclass with `KIND = "xx"`.

    Fields may be `int` (ids), `bool`, `str` (short tokens of `[A-Za-z0-9_.+-]`) or an `Enum`
    whose values are such tokens.
    """

    KIND: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.KIND or ":" in cls.KIND:
            raise TypeError(f"{cls.__name__} needs a KIND without ':'")
        if cls.KIND in KINDS and KINDS[cls.KIND].__qualname__ != cls.__qualname__:
            raise TypeError(f"button kind {cls.KIND!r} of {cls.__name__} is taken")
        KINDS[cls.KIND] = cls

    def pack(self) -> str:
        """The callback data for this press."""
        args = [_dump(getattr(self, f.name)) for f in fields(self)]
        return pack(self.KIND, *args)

    @classmethod
    def pattern(cls) -> str:
        """The regex CallbackQueryHandler routes this kind with."""
        return rf"^{re.escape(cls.KIND)}:"

    @classmethod
    def unpack(cls, data: str | None) -> Self | None:
        """The press as this kind, or None for anything that is not exactly one."""
        declared = fields(cls)
        parsed = unpack(data, cls.KIND, len(declared))
        if parsed is None:
            return None
        hints = get_type_hints(cls)
        values: dict[str, Any] = {}
        for field_, text in zip(declared, parsed.args, strict=True):
            value = _load(hints[field_.name], text)
            if value is None:
                return None
            values[field_.name] = value
        return cls(**values)


def _dump(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Enum):
        return str(value.value)
    text = str(value)
    if isinstance(value, str) and not _TEXT.fullmatch(text):
        raise ValueError(f"not a callback token: {text!r}")
    return text


def _load(kind: Any, text: str) -> object | None:
    if kind is bool:
        return {"1": True, "0": False}.get(text)
    if kind is int:
        return as_id(text)
    if isinstance(kind, type) and issubclass(kind, Enum):
        try:
            return kind(text)
        except ValueError:
            return None
    if kind is str:
        return text if _TEXT.fullmatch(text) else None
    raise TypeError(f"unsupported callback field type {kind!r}")
