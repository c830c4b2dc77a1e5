"""The stages a joint project goes through, and which moves between them are legal."""

from __future__ import annotations

from bot.common.i18n import N_, Tr, translator
from bot.common.languages import SUPPORTED

PROPOSED = "proposed"
DISCUSSION = "discussion"
APPROVED = "approved"
FUNDED = "funded"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"
STAGES: tuple[str, ...] = (PROPOSED, DISCUSSION, APPROVED, FUNDED, REJECTED, WITHDRAWN)
FINAL = frozenset({FUNDED, REJECTED, WITHDRAWN})

LABELS: dict[str, str] = {
    PROPOSED: N_("Proposed"),
    DISCUSSION: N_("Under discussion"),
    APPROVED: N_("Approved"),
    FUNDED: N_("Funded"),
    REJECTED: N_("Rejected"),
    WITHDRAWN: N_("Withdrawn"),
}
ICONS: dict[str, str] = {
    PROPOSED: "🆕",
    DISCUSSION: "💬",
    APPROVED: "✅",
    FUNDED: "💰",
    REJECTED: "⛔",
    WITHDRAWN: "↩️",
}
# Forward moves, then the ways out; a final stage has none.
MOVES: dict[str, tuple[str, ...]] = {
    PROPOSED: (DISCUSSION, REJECTED, WITHDRAWN),
    DISCUSSION: (APPROVED, REJECTED, WITHDRAWN),
    APPROVED: (FUNDED, REJECTED, WITHDRAWN),
    FUNDED: (),
    REJECTED: (),
    WITHDRAWN: (),
}
# What people may type for a stage (/stage 3 approve, /projects status=under_discussion).
ALIASES: dict[str, str] = {
    "proposed": PROPOSED,
    "discussion": DISCUSSION,
    "discuss": DISCUSSION,
    "under_discussion": DISCUSSION,
    "under-discussion": DISCUSSION,
    "approved": APPROVED,
    "approve": APPROVED,
    "funded": FUNDED,
    "fund": FUNDED,
    "rejected": REJECTED,
    "reject": REJECTED,
    "withdrawn": WITHDRAWN,
    "withdraw": WITHDRAWN,
}


def parse_stage(word: str) -> str | None:
    """A stage code from a typed word (code, verb or localized label), or None."""
    folded = word.strip().casefold()
    if folded in ALIASES:
        return ALIASES[folded]
    for language in SUPPORTED:
        tr = translator(language)
        for code, label in LABELS.items():
            if tr.t(label).casefold() == folded:
                return code
    return None


def allowed_moves(stage: str) -> tuple[str, ...]:
    """The stages a project may move to from `stage`."""
    return MOVES.get(stage, ())


def is_legal(current: str, target: str) -> bool:
    """Whether moving from `current` to `target` follows the stage rules."""
    return target in allowed_moves(current)


def needs_coordinator(target: str) -> bool:
    """Forward moves and rejection are the coordinators'; withdrawing is the proposer's side."""
    return target != WITHDRAWN


def label(tr: Tr, stage: str) -> str:
    """The stage as the reader says it, with its icon."""
    return f"{ICONS[stage]} {tr.t(LABELS[stage])}"


def moves_text(tr: Tr, project_id: int, stage: str) -> str:
    """The legal moves as commands a user can type, or a note that the stage is final."""
    moves = allowed_moves(stage)
    if not moves:
        return tr.t("{stage} is a final stage: no further moves.", stage=label(tr, stage))
    commands = []
    for target in moves:
        command = f"/stage {project_id} {target}"
        if target == REJECTED:
            command += " " + tr.t("REASON")
        commands.append(f"{label(tr, target)} ({command})")
    return tr.t("Allowed moves: {moves}.", moves="; ".join(commands))
