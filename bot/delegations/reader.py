"""The one rule for the zone a reader sees times in (and types them in)."""

from __future__ import annotations

from bot.chats.settings import effective
from bot.common.settings import Settings
from bot.common.store import Store
from bot.delegations.ports import DelegationsUnit


async def reader_zone(
    store: Store[DelegationsUnit],
    settings: Settings,
    *,
    chat_id: int | None,
    in_group: bool,
    user_id: int | None,
) -> str:
    """A group's own zone; in private, the zone all the reader's delegations share, else the
    private chat's setting, else the configured default."""
    async with store.read() as uow:
        if not in_group and user_id is not None:
            zones = {d.timezone for d, _ in await uow.delegations.of_user(user_id)}
            if len(zones) == 1:
                return zones.pop()
        record = await uow.chats.get_chat(chat_id) if chat_id is not None else None
    return effective(record, settings).timezone
