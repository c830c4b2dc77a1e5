"""The stage machine: forward one step at a time, out by rejection or withdrawal, then final."""

from __future__ import annotations

from bot.common.i18n import translator
from bot.projects.stages import (
    APPROVED,
    DISCUSSION,
    FINAL,
    FUNDED,
    PROPOSED,
    REJECTED,
    STAGES,
    WITHDRAWN,
    allowed_moves,
    is_legal,
    moves_text,
    parse_stage,
)


def test_the_legal_moves() -> None:
    legal = {(a, b) for a in STAGES for b in STAGES if is_legal(a, b)}
    assert legal == {
        (PROPOSED, DISCUSSION),
        (DISCUSSION, APPROVED),
        (APPROVED, FUNDED),
        *((stage, REJECTED) for stage in (PROPOSED, DISCUSSION, APPROVED)),
        *((stage, WITHDRAWN) for stage in (PROPOSED, DISCUSSION, APPROVED)),
    }
    assert all(not allowed_moves(stage) for stage in FINAL)


def test_typed_stages() -> None:
    assert parse_stage("approve") == APPROVED
    assert parse_stage("Under_Discussion") == DISCUSSION
    assert parse_stage("Under discussion") == DISCUSSION
    assert parse_stage("sideways") is None


def test_moves_text_names_commands() -> None:
    tr = translator("en")
    assert moves_text(tr, 7, APPROVED) == (
        "Allowed moves: 💰 Funded (/stage 7 funded); ⛔ Rejected (/stage 7 rejected REASON); "
        "↩️ Withdrawn (/stage 7 withdrawn)."
    )
    assert "final stage" in moves_text(tr, 7, FUNDED)
