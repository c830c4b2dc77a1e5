"""Dialogue forms as JSON, so a draft kept in the database outlives the process that began it.

A form is a dataclass of plain values: None, bool, int, float, str, Decimal, date, datetime,
enums, lists, tuples, sets, dicts with string keys and nested dataclasses of those. Classes
are named by module and qualified name and are only looked up inside parkbridge's own
packages, so a stored draft can never make the bot import or build anything else.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

OWN_PACKAGES = ("bot.", "handlers.")


class UnreadableDraft(ValueError):
    """A stored draft that no longer fits the code (a class renamed or gone, a field changed)."""


def encode(form: object) -> str:
    """The form as compact JSON."""
    return json.dumps(_dump(form), separators=(",", ":"), ensure_ascii=False)


def decode(text: str) -> object:
    """The form back; UnreadableDraft when it does not fit today's classes."""
    try:
        return _load(json.loads(text))
    except (
        TypeError,
        ValueError,
        KeyError,
        AttributeError,
        ImportError,
        InvalidOperation,
    ) as error:
        raise UnreadableDraft(str(error)) from error


def _name(kind: type) -> str:
    return f"{kind.__module__}:{kind.__qualname__}"


def _dump(value: Any) -> Any:
    if isinstance(value, Enum):
        return {"$enum": _name(type(value)), "v": value.value}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, (set, frozenset)):
        return {"$set": sorted((_dump(item) for item in value), key=json.dumps)}
    if isinstance(value, tuple):
        return {"$tuple": [_dump(item) for item in value]}
    if isinstance(value, list):
        return [_dump(item) for item in value]
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return {"$dict": {key: _dump(item) for key, item in value.items()}}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: _dump(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"$form": _name(type(value)), "f": fields}
    raise TypeError(f"a dialogue form cannot keep a {type(value).__name__}")


def _class(name: str) -> type:
    module, _, qualname = name.partition(":")
    if not module.startswith(OWN_PACKAGES):
        raise ValueError(f"not a parkbridge class: {name}")
    found: Any = importlib.import_module(module)
    for part in qualname.split("."):
        found = getattr(found, part)
    if not isinstance(found, type):
        raise ValueError(f"not a class: {name}")
    return found


def _load(value: Any) -> Any:
    if isinstance(value, list):
        return [_load(item) for item in value]
    if not isinstance(value, dict):
        return value
    if "$form" in value:
        kind = _class(value["$form"])
        if not dataclasses.is_dataclass(kind):
            raise ValueError(f"not a form class: {value['$form']}")
        known = {f.name for f in dataclasses.fields(kind)}
        stored = {key: _load(item) for key, item in value["f"].items()}
        if set(stored) - known:
            raise ValueError(f"fields {sorted(set(stored) - known)} are gone from {kind}")
        return kind(**stored)
    if "$enum" in value:
        enum = _class(value["$enum"])
        if not issubclass(enum, Enum):
            raise ValueError(f"not an enum: {value['$enum']}")
        return enum(value["v"])
    if "$datetime" in value:
        return datetime.fromisoformat(value["$datetime"])
    if "$date" in value:
        return date.fromisoformat(value["$date"])
    if "$decimal" in value:
        return Decimal(value["$decimal"])
    if "$set" in value:
        return {_load(item) for item in value["$set"]}
    if "$tuple" in value:
        return tuple(_load(item) for item in value["$tuple"])
    if "$dict" in value:
        return {key: _load(item) for key, item in value["$dict"].items()}
    raise ValueError(f"unknown value in a draft: {sorted(value)}")
