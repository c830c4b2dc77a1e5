"""The projects feature's commands, for /help and the command menus."""

from __future__ import annotations

from bot.common.command_types import PROJECTS as SECTION
from bot.common.command_types import Command
from bot.common.i18n import N_

PROJECT_COMMANDS: tuple[Command, ...] = (
    Command("propose", N_("Propose a joint project"), SECTION, members_only=True),
    Command(
        "projects",
        N_("Projects, filtered: area=biotech, status=approved, delegation=NAME, mine"),
        SECTION,
    ),
    Command("project", N_("A project's card: /project ID"), SECTION),
    Command("support", N_("Endorse a project: /support ID"), SECTION, members_only=True),
    Command("history", N_("Who decided what on a project: /history ID"), SECTION),
    Command("suggest", N_("Delegations that could join a project: /suggest ID"), SECTION),
    Command(
        "stage",
        N_("Move a project to another stage: /stage ID STAGE [REASON]"),
        SECTION,
        heads_only=True,
    ),
    Command(
        "export",
        N_("All projects as a CSV file: /export projects"),
        SECTION,
        coordinators_only=True,
    ),
)
