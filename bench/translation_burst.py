"""Translation burst: 200 messages over 20 four-language groups, with /help timed elsewhere.

The bot runs in a process of its own against the local Bot API simulator, as it runs
against Telegram, with a fake backend that takes 300 ms per call. Prints measured figures;
the goals from the issue are printed beside them for reading, never asserted.
"""

from __future__ import annotations

import asyncio
import json
import signal
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from simulator import BotApiSimulator, SimChat, SimUser

GROUPS = 20
UNIQUE, REPEATS, NOISE = 160, 20, 20
BACKEND_DELAY = 0.3
CONCURRENCY = 64
HELP_PROBES = 40

TEMPLATES = {
    "ru": "Коллеги, предлагаю обсудить пункт {n} плана совместного проекта в четверг.",
    "zh": "各位同事，我建议周四讨论联合项目计划的第{n}项内容。",
    "fi": "Hyvät kollegat, ehdotan että käsittelemme hankesuunnitelman kohdan {n} torstaina.",
    "en": "Dear colleagues, I suggest we discuss item {n} of the joint project plan on Thursday.",
}
NOISE_LINES = ("ok", "👍", "15:00", "https://example.com/plan", "+1")


@dataclass
class Measured:
    """What one run printed."""

    wall: float
    calls_unique: float
    calls_repeat: float
    calls_noise: float
    idle_ms: list[float]
    busy_ms: list[float]
    replies: int


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def _help_latencies(sim: BotApiSimulator, users: list[SimUser], rounds: int) -> list[float]:
    """Send /help from private chats one after another; time until the bot starts answering."""
    latencies = []
    for index in range(rounds):
        user = users[index % len(users)]
        chat = sim.private_chat(user)
        before = len(sim.bot_messages(chat))
        sent = time.monotonic()
        sim.post(chat, user, "/help")
        await sim.wait_for(lambda: len(sim.bot_messages(chat)) > before, timeout=30)  # noqa: B023
        answer = [c for c in sim.calls if c.method == "sendMessage" and c.chat_id == chat.id][-1]
        latencies.append((answer.at - sent) * 1000)
        await asyncio.sleep(0.02)
    return latencies


async def _start_bot(sim: BotApiSimulator, folder: Path) -> asyncio.subprocess.Process:
    """The bot process, polling the simulator; returns once it starts polling."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.bot_process",
        sim.api_url,
        str(folder / "bench.db"),
        str(folder / "calls.json"),
        str(BACKEND_DELAY),
        str(CONCURRENCY),
    )
    # run_polling drops any webhook just before its first getUpdates (empty polls are not
    # recorded by the simulator).
    await sim.wait_for(lambda: any(c.method == "deleteWebhook" for c in sim.calls), timeout=60)
    return process


async def run() -> Measured:
    """One full run in a fresh simulator, bot process and database."""
    sim = BotApiSimulator(can_read_all_group_messages=True)
    await sim.start()
    folder = Path(tempfile.mkdtemp(prefix="parkbridge-bench-"))
    process = await _start_bot(sim, folder)
    try:
        groups: list[tuple[SimChat, SimUser]] = []
        for number in range(GROUPS):
            admin = sim.add_user(f"Admin {number}", language_code="en")
            group = sim.add_group(f"Working group {number}", members=[admin])
            sim.set_admin(group, admin, "creator")
            sim.post(group, admin, "/settings languages en ru zh fi")
            sim.post(group, admin, "/autotranslate on")
            groups.append((group, admin))
        group_ids = {group.id for group, _ in groups}

        def group_replies() -> int:
            return sum(1 for m in sim.bot_messages() if m.chat_id in group_ids)

        await sim.wait_for(lambda: group_replies() == 2 * GROUPS, timeout=60)
        visitors = [sim.add_user(f"Visitor {n}", language_code="en") for n in range(5)]
        idle = await _help_latencies(sim, visitors, 10)

        unique = [TEMPLATES[list(TEMPLATES)[n % 4]].format(n=n) for n in range(UNIQUE)]
        later = [*unique[:REPEATS], *(NOISE_LINES[n % len(NOISE_LINES)] for n in range(NOISE))]
        before = group_replies()
        start = time.monotonic()
        for index, text in enumerate(unique):
            group, admin = groups[index % GROUPS]
            sim.post(group, admin, text)
        probes = asyncio.create_task(_help_latencies(sim, visitors, HELP_PROBES))
        await sim.wait_for(lambda: group_replies() >= before + UNIQUE, timeout=120)
        for index, text in enumerate(later):
            group, admin = groups[index % GROUPS]
            sim.post(group, admin, text)
        await sim.wait_for(lambda: group_replies() >= before + UNIQUE + REPEATS, timeout=60)
        wall = time.monotonic() - start
        busy = await probes
        await sim.wait_idle(quiet=0.5, timeout=30)  # noise must not bring late replies
        replies = group_replies() - before
    finally:
        process.send_signal(signal.SIGINT)
        await process.wait()
        await sim.stop()
    calls = json.loads((folder / "calls.json").read_text(encoding="utf-8"))
    texts = [text for text, _source, _target in calls]
    repeated = set(unique[:REPEATS])
    first_calls = {text: texts.count(text) for text in set(texts)}
    return Measured(
        wall=wall,
        calls_unique=sum(first_calls.get(text, 0) for text in unique) / UNIQUE,
        calls_repeat=sum(max(first_calls.get(text, 0) - 3, 0) for text in repeated) / REPEATS,
        calls_noise=sum(1 for text in texts if text in NOISE_LINES) / NOISE,
        idle_ms=idle,
        busy_ms=busy,
        replies=replies,
    )


def main() -> None:
    """Run the burst and print figures with the issue's goals beside them."""
    measured = asyncio.run(run())
    idle_p95 = _percentile(measured.idle_ms, 0.95)
    busy_p95 = _percentile(measured.busy_ms, 0.95)
    serial = UNIQUE * 3 * BACKEND_DELAY
    rows = [
        "translation burst: 200 messages, 20 four-language groups, fake backend 300 ms/call,",
        "the bot in its own process against the local Bot API simulator",
        f"  wall time                 {measured.wall:6.2f} s   (goal ≤ 3 s)",
        f"  serial estimate           {serial:6.1f} s   "
        f"({serial / measured.wall:.0f}× the measured)",
        f"  translation replies       {measured.replies:6d}     "
        f"(expected {UNIQUE + REPEATS}: unique + repeated messages)",
        f"  backend calls / message   {measured.calls_unique:6.2f}     unique (goal ≤ 3)",
        f"                            {measured.calls_repeat:6.2f}     repeats (goal 0)",
        f"                            {measured.calls_noise:6.2f}     "
        "no translation needed (goal 0)",
        f"  /help latency, idle       p50 {statistics.median(measured.idle_ms):6.1f} ms  "
        f"p95 {idle_p95:6.1f} ms",
        f"  /help latency, in burst   p50 {statistics.median(measured.busy_ms):6.1f} ms  "
        f"p95 {busy_p95:6.1f} ms (goal < 100 ms; {busy_p95 / max(idle_p95, 0.001):.1f}× idle)",
    ]
    print("\n".join(rows))
