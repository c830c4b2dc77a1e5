"""/help and the command menus, from the commands the features' route tables serve."""

from __future__ import annotations

from collections.abc import Sequence

from bot.common.command_types import SECTIONS, Command
from bot.common.i18n import Tr


def in_sections(commands: Sequence[Command]) -> list[Command]:
    """Commands in /help's section order, each section in table order."""
    return sorted(commands, key=lambda command: SECTIONS.index(command.section))


def usable_commands(
    commands: Sequence[Command],
    in_group: bool,
    coordinator: bool,
    head: bool = False,
    member: bool = False,
) -> list[Command]:
    """Commands this caller may use here, in section order."""
    return [c for c in in_sections(commands) if c.usable(in_group, coordinator, head, member)]


def menu(tr: Tr, commands: Sequence[Command], coordinator: bool) -> list[tuple[str, str]]:
    """(command, description) pairs for Telegram's command menu in one language."""
    return [
        (command.name, tr.t(command.description))
        for command in in_sections(commands)
        if coordinator or not command.coordinators_only
    ]


def help_text(
    tr: Tr,
    commands: Sequence[Command],
    in_group: bool,
    coordinator: bool,
    head: bool = False,
    member: bool = False,
) -> str:
    """The /help answer: usable commands grouped by section, one line each (HTML)."""
    lines = [tr.t("<b>Commands you can use here</b>")]
    usable = usable_commands(commands, in_group, coordinator, head, member)
    for section in SECTIONS:
        members = [command for command in usable if command.section == section]
        if not members:
            continue
        lines.append("")
        lines.append(f"<b>{tr.t(section)}</b>")
        lines.extend(f"/{command.name} — {tr.t(command.description)}" for command in members)
    if in_group and not coordinator:
        lines.append("")
        lines.append(tr.t("Group administrators and coordinators also see the setup commands."))
    return "\n".join(lines)
