"""A refusal of something typed: the catalog message and its values, and how it reads."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from bot.common.i18n import Tr


@dataclass(frozen=True)
class Invalid:
    """Why a typed value was refused: a catalog message and its values (escaped by the caller)."""

    message: str
    values: dict[str, str] = field(default_factory=dict)


def problem_text(tr: Tr, problem: Invalid) -> str:
    """A refusal in the reader's language, with what they typed escaped."""
    values = {key: html.escape(value) for key, value in problem.values.items()}
    return tr.t(problem.message, **values)
