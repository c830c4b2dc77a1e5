"""Partner ranking and the project list's typed filters."""

from __future__ import annotations

from bot.common.i18n import translator
from bot.delegations.models import Delegation
from bot.projects.filters import parse_filters
from bot.projects.suggestions import rank, reason


def delegation(id_: int, name: str, interests: tuple[str, ...]) -> Delegation:
    return Delegation(
        id_, name, name, "FI", "Oulu", "fi", "Europe/Helsinki", interests, "", None, 1, ""
    )


def test_shared_interests_outrank_a_track_record_and_nothing() -> None:
    a = delegation(1, "Alpha", ("energy",))
    b = delegation(2, "Beta", ("biotech", "space"))
    c = delegation(3, "Gamma", ("it",))
    ranked = rank(["biotech", "space"], [a, c, b], {3: [("space",)], 1: [("energy",)]})
    assert [s.delegation.name for s in ranked] == ["Beta", "Gamma", "Alpha"]
    tr = translator("en")
    assert reason(tr, ranked[0]) == "interests in common: Space research, Biotechnology"
    assert reason(tr, ranked[1]) == "1 earlier project in these areas"
    assert reason(tr, ranked[2]) == "no interests in common"


def test_filters_as_typed() -> None:
    typed = parse_filters("area=biotech status=approved delegation=Polytech technopark mine")
    assert (typed.area, typed.stage, typed.delegation, typed.mine) == (
        "biotech",
        "approved",
        "Polytech technopark",
        True,
    )
    assert not typed.problems
    assert parse_filters("area=astrology colour=red").problems == ["area=astrology", "colour=red"]
    assert not parse_filters("").any
