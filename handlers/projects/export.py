"""/export projects: the CSV for funders, for coordinators only."""

from __future__ import annotations

from telegram import InputFile, Update

from bot.projects.export import build, filename
from handlers.common.access import in_group, is_configured, is_group_admin
from handlers.common.replies import reply
from handlers.context import ParkContext
from storage.unit_of_work import repositories


async def export_command(update: Update, context: ParkContext) -> None:
    """Configured coordinators get every project; a home chat's admins, their delegations' ones."""
    tr = context.tr
    chat = update.effective_chat
    if chat is None:
        return
    scope: list[int] | None = None
    if not is_configured(update, context):
        homed = (
            await repositories(context.db).delegations.of_chat(chat.id) if in_group(update) else []
        )
        if not homed or not await is_group_admin(update, context):
            await reply(
                update,
                context,
                tr.t(
                    "Only coordinators can export projects: the coordinators named in the bot's "
                    "configuration, or administrators of a delegation's home chat (there)."
                ),
            )
            return
        scope = [d.id for d in homed]
    found = await repositories(context.db).projects.every(scope)
    everyone, _ = await repositories(context.db).delegations.page(0, 10_000)
    data = build(
        tr,
        found,
        {d.id: d for d, _ in everyone},
        await repositories(context.db).projects.all_partners(),
        await repositories(context.db).projects.support_counts(),
    )
    message = update.effective_message
    thread = message.message_thread_id if message and message.is_topic_message else None
    await context.bot.send_document(
        chat.id,
        InputFile(data, filename=filename(context.clock.now().date())),
        caption=tr.tn("{count} project", "{count} projects", len(found)),
        message_thread_id=thread,
    )
