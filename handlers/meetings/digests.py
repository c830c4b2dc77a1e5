"""The weekly digest: sent to each home chat at its time, and on demand with /digest."""

from __future__ import annotations

import html
import logging
from datetime import datetime, timedelta
from typing import Any

from telegram import Update

from bot.common.i18n import Tr, translator
from bot.meetings.digest import digest_text, is_due, last_slot
from bot.meetings.rules import stored_digest
from bot.projects.stages import label
from handlers.common.delivery import post
from handlers.common.replies import reply
from handlers.context import ParkContext
from handlers.meetings.common import chat_settings, reading_zone, viewer_delegations
from storage.database import Database
from storage.unit_of_work import repositories

log = logging.getLogger(__name__)
WEEK = timedelta(days=7)


async def _digest(
    db: Database, delegation_ids: list[int], start: datetime, zone: str, languages: tuple[str, ...]
) -> str:
    """The digest in each language, for the week starting at `start`."""
    found = await repositories(db).meetings.upcoming(delegation_ids, start, start + WEEK, limit=50)
    rows = [(m.id, m.title, m.starts_at) for m in found]
    changes = await repositories(db).meetings.project_stage_changes(
        delegation_ids, start - WEEK, start
    )

    def render(tr: Tr) -> str:
        lines = [
            f"#{pid} {html.escape(title)}: {label(tr, old)} → {label(tr, new)}"
            for pid, title, old, new in changes
        ]
        return digest_text(tr, start, zone, rows, lines)

    return "\n\n".join(dict.fromkeys(render(translator(language)) for language in languages))


async def send_due_digests(app: Any) -> int:
    """Post the digest in every home chat whose weekly moment has come; each slot once."""
    db: Database = app.bot_data.db
    now = app.bot_data.clock.now()
    sent = 0
    for chat_id, setting, last in await repositories(db).reminders.digest_chats():
        wanted = stored_digest(setting)
        if wanted is None:
            continue
        current = await chat_settings(db, app.bot_data.settings, chat_id)
        slot = last_slot(now, current.timezone, wanted[0], wanted[1])
        last_sent = datetime.fromisoformat(last) if last else None
        if not is_due(now, slot, last_sent) or not await repositories(db).reminders.claim_digest(
            chat_id, slot
        ):
            continue
        homed = [d.id for d in await repositories(db).delegations.of_chat(chat_id)]
        text = await _digest(db, homed, now, current.timezone, current.languages)
        # Recorded as sent only once Telegram accepted it; a failed post frees the claim so a
        # later sweep tries again while the slot is fresh (a closed chat is skipped anyway).
        if await post(app.bot, app.bot_data.store, chat_id, text) is not None:
            await repositories(db).reminders.digest_sent(chat_id, slot)
            sent += 1
        else:
            await repositories(db).reminders.release_digest(chat_id, slot)
            log.info("digest for chat %s not posted; will try again", chat_id)
    return sent


async def digest_command(update: Update, context: ParkContext) -> None:
    """/digest: this chat's digest now (in private: for your delegations)."""
    found = await viewer_delegations(update, context)
    if not found:
        await reply(
            update,
            context,
            context.tr.t(
                "No delegation has this chat as its home chat (in private: you are in no "
                "delegation), so there is no digest here. /delegations lists them."
            ),
        )
        return
    zone = await reading_zone(update, context)
    text = await _digest(
        context.db, [d.id for d in found], context.clock.now(), zone, (context.tr.language,)
    )
    await reply(update, context, text)
