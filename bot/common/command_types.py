"""What a command is, as /help and the command menus see it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from bot.common.i18n import N_

# The sections of /help, in the order it lists them (msgids).
GENERAL = N_("General")
DELEGATIONS = N_("Delegations")
HEADS = N_("Heads of delegations")
PROJECTS = N_("Joint projects")
MEETINGS = N_("Meetings")
COORDINATION = N_("Coordination")
SECTIONS = (GENERAL, DELEGATIONS, HEADS, PROJECTS, MEETINGS, COORDINATION)


class Where(Enum):
    """Where a command makes sense."""

    ANY = "any"
    GROUP = "group"
    PRIVATE = "private"


@dataclass(frozen=True)
class Command:
    """One slash command as users see it."""

    name: str
    description: str  # msgid
    section: str  # msgid
    coordinators_only: bool = False
    where: Where = Where.ANY
    heads_only: bool = False  # heads of a delegation (and coordinators)
    members_only: bool = False  # members of some delegation (and coordinators)

    def usable(
        self, in_group: bool, coordinator: bool, head: bool = False, member: bool = False
    ) -> bool:
        """Whether this caller, in this kind of chat, may use the command."""
        if self.coordinators_only and not coordinator:
            return False
        if self.heads_only and not (head or coordinator):
            return False
        if self.members_only and not (member or head or coordinator):
            return False
        if self.where is Where.GROUP:
            return in_group
        if self.where is Where.PRIVATE:
            return not in_group
        return True
