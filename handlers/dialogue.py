"""Dialogue answers belong to the dialogue: later handler groups (translation) never see them."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.context import ParkContext

Step = Callable[[Update, ParkContext], Coroutine[Any, Any, int | None]]


def answer_and_stop(step: Step) -> Step:
    """Run a dialogue step, then stop the update there (ConversationHandler keeps the state)."""

    async def run(update: Update, context: ParkContext) -> int | None:
        state = await step(update, context)
        raise ApplicationHandlerStop(state)

    return run
