"""Partner suggestions: uninvolved delegations ranked by shared interests and track record."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.common.i18n import Tr
from bot.delegations.interests import ordered
from bot.delegations.models import Delegation
from bot.delegations.render import areas_text

INTEREST_WEIGHT = 2  # a declared interest counts more than one earlier project in the area
LIMIT = 10


@dataclass(frozen=True)
class Suggestion:
    """A candidate partner and why it is suggested."""

    delegation: Delegation
    shared: tuple[str, ...]  # interest codes it shares with the project
    past: int  # earlier projects it led or joined in the project's areas

    @property
    def score(self) -> int:
        """Higher first."""
        return INTEREST_WEIGHT * len(self.shared) + self.past


def rank(
    areas: Iterable[str],
    candidates: Iterable[Delegation],
    track_record: dict[int, list[tuple[str, ...]]],
    limit: int = LIMIT,
) -> list[Suggestion]:
    """Score each candidate by shared interests and earlier projects in the same areas."""
    wanted = set(areas)
    found = []
    for delegation in candidates:
        shared = tuple(ordered(wanted & set(delegation.interests)))
        past = sum(
            1
            for project_areas in track_record.get(delegation.id, [])
            if wanted & set(project_areas)
        )
        found.append(Suggestion(delegation, shared, past))
    found.sort(key=lambda s: (-s.score, s.delegation.name.casefold()))
    return found[:limit]


def reason(tr: Tr, suggestion: Suggestion) -> str:
    """Why this delegation is on the list, in the reader's language."""
    parts = []
    if suggestion.shared:
        parts.append(tr.t("interests in common: {areas}", areas=areas_text(tr, suggestion.shared)))
    if suggestion.past:
        parts.append(
            tr.tn(
                "{count} earlier project in these areas",
                "{count} earlier projects in these areas",
                suggestion.past,
            )
        )
    if not parts:
        return tr.t("no interests in common")
    return "; ".join(parts)
