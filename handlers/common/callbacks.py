"""Callback data: short, versioned, parsed strictly, so forged or stale presses change nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass

VERSION = "1"


@dataclass(frozen=True)
class CallbackData:
    """A parsed `kind:version:arg…` string."""

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


_ID = re.compile(r"[0-9]{1,12}")


def as_id(text: str) -> int | None:
    """A database id from callback data: ASCII digits only, bounded, so int() and SQLite agree."""
    return int(text) if _ID.fullmatch(text) else None
