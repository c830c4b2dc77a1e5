"""One way from a feature's route table to handlers: commands run from new messages only."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.common.command_types import Command
from handlers.context import ParkContext

Handler = BaseHandler[Update, ParkContext, Any]
Callback = Callable[[Update, ParkContext], Coroutine[Any, Any, Any]]

# A command typed now. PTB's CommandHandler also takes edited messages by default, so editing
# an old message into `/stage 1 discussion` would run it again; this filter keeps that out.
NEW_MESSAGE = filters.UpdateType.MESSAGE


def command(
    name: str, callback: Callback, only: filters.BaseFilter | None = None
) -> CommandHandler[ParkContext, Any]:
    """The only way a command handler is built: new messages, optionally narrowed by `only`."""
    accepted = NEW_MESSAGE if only is None else NEW_MESSAGE & only
    return CommandHandler(name, callback, filters=accepted)


@runtime_checkable
class Nested(Protocol):
    """A handler that routes to handlers of its own (a dialogue)."""

    def inner_handlers(self) -> list[BaseHandler[Any, Any, Any]]:
        """Every handler it may run."""
        ...


def command_handlers(handlers: Iterable[object]) -> Iterator[CommandHandler[Any, Any]]:
    """Every CommandHandler among `handlers`, dialogues' entry points and fallbacks included."""
    for handler in handlers:
        if isinstance(handler, CommandHandler):
            yield handler
        elif isinstance(handler, Nested):
            yield from command_handlers(handler.inner_handlers())


@dataclass(frozen=True)
class FeatureRoutes:
    """A feature's route table: its commands as users see them, and the handlers serving them.

    `dialogues` are registered before every other feature handler, so that while one is open
    its typed answers reach nothing else.
    """

    name: str
    commands: tuple[Command, ...]
    handlers: tuple[Handler, ...] = ()
    dialogues: tuple[Handler, ...] = ()
    last: tuple[Handler, ...] = ()  # after every feature: plain messages (auto-translation)
    hidden: frozenset[str] = field(default_factory=frozenset)  # served, not listed (/cancel)

    def __post_init__(self) -> None:
        served = {
            name
            for handler in command_handlers((*self.dialogues, *self.handlers))
            for name in handler.commands
        }
        listed = {command.name for command in self.commands}
        if listed - served:
            raise ValueError(f"{self.name}: commands without a handler: {sorted(listed - served)}")
        if served - listed - self.hidden:
            unlisted = sorted(served - listed - self.hidden)
            raise ValueError(f"{self.name}: handlers for unlisted commands: {unlisted}")
