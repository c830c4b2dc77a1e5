"""The meetings feature's commands, for /help and the command menus."""

from __future__ import annotations

from bot.common.command_types import MEETINGS, Command, Where
from bot.common.i18n import N_

MEETING_COMMANDS: tuple[Command, ...] = (
    Command("meet", N_("Schedule a meeting between delegations"), MEETINGS, heads_only=True),
    Command("meetings", N_("Upcoming meetings here, in your time zone"), MEETINGS),
    Command("meeting", N_("A meeting's card: /meeting ID"), MEETINGS),
    Command("when", N_("How the bot reads a time: /when tomorrow 15:00"), MEETINGS),
    Command("slots", N_("Free times for several delegations: /slots NAME NAME"), MEETINGS),
    Command("reschedule", N_("Move a meeting: /reschedule ID WHEN"), MEETINGS, heads_only=True),
    Command(
        "cancelmeeting",
        N_("Cancel a meeting: /cancelmeeting ID [reason]"),
        MEETINGS,
        heads_only=True,
    ),
    Command("ics", N_("A calendar file for a meeting: /ics ID"), MEETINGS),
    Command("digest", N_("This week's meetings and project changes"), MEETINGS),
    Command(
        "remindme",
        N_("A private reminder for meetings you go to: on or off"),
        MEETINGS,
        where=Where.PRIVATE,
    ),
)
