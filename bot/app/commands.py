"""The command list: one table feeds /help and the per-language command menus."""

from __future__ import annotations

from bot.common.command_types import Command, Where
from bot.common.i18n import N_, Tr
from bot.meetings.commands import MEETING_COMMANDS
from bot.projects.commands import PROJECT_COMMANDS

GENERAL = N_("General")
DELEGATIONS = N_("Delegations")
HEADS = N_("Heads of delegations")
PROJECTS = N_("Joint projects")
MEETINGS = N_("Meetings")
COORDINATION = N_("Coordination")
SECTIONS = (GENERAL, DELEGATIONS, HEADS, PROJECTS, MEETINGS, COORDINATION)

CORE_COMMANDS: tuple[Command, ...] = (
    Command("start", N_("What this bot does and what to do next"), GENERAL),
    Command("help", N_("The commands you can use here"), GENERAL),
    Command("language", N_("Choose the language the bot speaks to you"), GENERAL),
    Command("tr", N_("Translate a message: reply with /tr, or /tr LANG TEXT"), GENERAL),
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
    Command(
        "autotranslate",
        N_("Automatic translation in this group: on or off"),
        COORDINATION,
        coordinators_only=True,
        where=Where.GROUP,
    ),
    Command(
        "glossary",
        N_("Words kept as written in translations"),
        COORDINATION,
        coordinators_only=True,
        where=Where.GROUP,
    ),
    Command(
        "settings",
        N_("Time zone and languages of this group"),
        COORDINATION,
        coordinators_only=True,
        where=Where.GROUP,
    ),
)


COMMANDS: tuple[Command, ...] = (*CORE_COMMANDS, *PROJECT_COMMANDS, *MEETING_COMMANDS)


def usable_commands(
    in_group: bool, coordinator: bool, head: bool = False, member: bool = False
) -> list[Command]:
    """Commands this caller may use here, in table order."""
    return [c for c in COMMANDS if c.usable(in_group, coordinator, head, member)]


def menu(tr: Tr, coordinator: bool) -> list[tuple[str, str]]:
    """(command, description) pairs for Telegram's command menu in one language."""
    return [
        (command.name, tr.t(command.description))
        for command in COMMANDS
        if coordinator or not command.coordinators_only
    ]


def help_text(
    tr: Tr, in_group: bool, coordinator: bool, head: bool = False, member: bool = False
) -> str:
    """The /help answer: usable commands grouped by section, one line each (HTML)."""
    lines = [tr.t("<b>Commands you can use here</b>")]
    commands = usable_commands(in_group, coordinator, head, member)
    for section in SECTIONS:
        members = [command for command in commands if command.section == section]
        if not members:
            continue
        lines.append("")
        lines.append(f"<b>{tr.t(section)}</b>")
        lines.extend(f"/{command.name} — {tr.t(command.description)}" for command in members)
    if in_group and not coordinator:
        lines.append("")
        lines.append(tr.t("Group administrators and coordinators also see the setup commands."))
    return "\n".join(lines)
