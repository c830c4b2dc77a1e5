"""Button kinds: every prefix belongs to one kind, and forged data parses to nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

import pytest
from telegram.ext import CallbackQueryHandler

from bot.app.handler_groups import feature_routes
from handlers.common.callbacks import KINDS, Button
from handlers.common.routing import Nested


def _patterns(handlers: object) -> list[str]:
    found: list[str] = []
    for handler in handlers:  # type: ignore[attr-defined]
        if isinstance(handler, CallbackQueryHandler) and handler.pattern is not None:
            pattern = handler.pattern
            found.append(pattern.pattern if isinstance(pattern, re.Pattern) else str(pattern))
        elif isinstance(handler, Nested):
            found.extend(_patterns(handler.inner_handlers()))
    return found


def _kinds(pattern: str) -> list[str]:
    match = re.match(r"\^\(?([A-Za-z0-9_|\\]+)\)?:", pattern)
    assert match is not None, f"button pattern without a kind prefix: {pattern}"
    return match.group(1).replace("\\", "").split("|")


def test_every_button_kind_has_one_owner() -> None:
    owners: dict[str, set[str]] = {}
    for table in feature_routes():
        for pattern in _patterns((*table.dialogues, *table.handlers)):
            for kind in _kinds(pattern):
                owners.setdefault(kind, set()).add(table.name)
    assert len(owners) >= 15  # the bot has that many kinds of buttons
    shared = {kind: names for kind, names in owners.items() if len(names) > 1}
    assert shared == {}
    # No kind is a prefix of another's data: `kind:` ends at the colon, so distinct is enough,
    # but a kind must never contain one.
    assert all(":" not in kind for kind in owners)
    assert all(":" not in kind for kind in KINDS)


class Answer(StrEnum):
    GOING = "going"
    NO = "no"


@dataclass(frozen=True)
class SampleRsvp(Button):
    KIND = "zz"
    meeting: int
    answer: Answer
    quiet: bool


def test_typed_data_round_trips_and_is_short() -> None:
    press = SampleRsvp(42, Answer.GOING, True)
    assert press.pack() == "zz:1:42:going:1"
    assert SampleRsvp.unpack(press.pack()) == press
    assert re.match(SampleRsvp.pattern(), press.pack())


@pytest.mark.parametrize(
    "forged",
    [
        None,
        "",
        "zz:1:42:going",  # a field missing
        "zz:2:42:going:1",  # another version
        "zy:1:42:going:1",  # another kind
        "zz:1:4x:going:1",  # not an id
        "zz:1:٤٢:going:1",  # non-ASCII digits
        "zz:1:42:maybe:1",  # not an answer
        "zz:1:42:going:yes",  # not a flag
        "zz:1:42:going:1:extra",
    ],
)
def test_forged_data_parses_to_nothing(forged: str | None) -> None:
    assert SampleRsvp.unpack(forged) is None


def test_a_kind_cannot_be_taken_twice() -> None:
    with pytest.raises(TypeError):

        @dataclass(frozen=True)
        class Impostor(Button):
            KIND = "zz"
            meeting: int
