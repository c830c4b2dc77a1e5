"""The delegations feature's commands, for /help and the command menus."""

from __future__ import annotations

from bot.common.command_types import COORDINATION, DELEGATIONS, HEADS, Command, Where
from bot.common.i18n import N_

DELEGATION_COMMANDS: tuple[Command, ...] = (
    Command("delegations", N_("All delegations"), DELEGATIONS),
    Command("delegation", N_("A delegation's card: /delegation NAME"), DELEGATIONS),
    Command("members", N_("Who is in a delegation: /members NAME"), DELEGATIONS),
    Command("join", N_("Ask to join a delegation: /join NAME"), DELEGATIONS),
    Command("leave", N_("Leave a delegation: /leave NAME"), DELEGATIONS),
    Command("editdelegation", N_("Change a delegation's details"), HEADS, heads_only=True),
    Command("invite", N_("A link that lets colleagues join at once"), HEADS, heads_only=True),
    Command("promote", N_("Make a member a head"), HEADS, heads_only=True),
    Command("demote", N_("Make a head a plain member"), HEADS, heads_only=True),
    Command(
        "linkchat",
        N_("Make this group a delegation's home chat"),
        HEADS,
        where=Where.GROUP,
        heads_only=True,
    ),
    Command("register", N_("Register a delegation"), COORDINATION, coordinators_only=True),
)
