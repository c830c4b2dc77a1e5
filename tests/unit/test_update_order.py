"""Updates of one chat run in order; other chats do not wait for them."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import Chat, Message, Update

from bot.app.update_order import PerChatUpdateProcessor


def _update(update_id: int, chat_id: int) -> Update:
    chat = Chat(id=chat_id, type="group")
    return Update(update_id, message=Message(update_id, datetime.now(UTC), chat))


async def test_same_chat_is_sequential_other_chats_are_concurrent() -> None:
    processor = PerChatUpdateProcessor()
    log: list[str] = []
    release = asyncio.Event()

    async def slow(name: str) -> None:
        log.append(f"{name} start")
        await release.wait()
        log.append(f"{name} end")

    async def fast(name: str) -> None:
        log.append(f"{name} start")
        log.append(f"{name} end")

    first = asyncio.create_task(processor.process_update(_update(1, -1), slow("a1")))
    second = asyncio.create_task(processor.process_update(_update(2, -1), fast("a2")))
    other = asyncio.create_task(processor.process_update(_update(3, -2), fast("b1")))
    await other  # another chat finishes while chat -1 is still blocked
    assert log == ["a1 start", "b1 start", "b1 end"]
    release.set()
    await asyncio.gather(first, second)
    assert log[3:] == ["a1 end", "a2 start", "a2 end"]
    assert not processor._locks  # no lock kept for idle chats
