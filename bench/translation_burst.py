"""Translation burst: 200 messages over 20 four-language groups, with /help timed elsewhere.

Runs the real Application against the local simulator, with a fake backend that takes
300 ms per call. Prints measured figures; the goals from the issue are printed beside them
for reading, never asserted.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from bot.app import build_application
from bot.runtime import running, settle
from bot.settings import Settings
from bot.simulator import BotApiSimulator, SimChat, SimUser
from bot.translation import TranslatorConfig
from bot.translation.fakes import FakeBackend

TOKEN = "5555555555:BENCHbenchBENCHbenchBENCHbench_local"
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
    help_p50_ms: float
    help_p95_ms: float
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
        await sim.wait_for(lambda: len(sim.bot_messages(chat)) > before, timeout=10)  # noqa: B023
        answer = [c for c in sim.calls if c.method == "sendMessage" and c.chat_id == chat.id][-1]
        latencies.append((answer.at - sent) * 1000)
        await asyncio.sleep(0.02)
    return latencies


async def run() -> Measured:
    """One full run in a fresh simulator and database."""
    sim = BotApiSimulator(can_read_all_group_messages=True)
    await sim.start()
    fake = FakeBackend("fake-300ms", delay=BACKEND_DELAY)
    folder = Path(tempfile.mkdtemp(prefix="parkbridge-bench-"))
    settings = Settings(token=TOKEN, api_url=sim.api_url, database=folder / "bench.db")
    settings = replace(settings, translation=TranslatorConfig(concurrency=CONCURRENCY))
    app = build_application(settings, rate_limit=False, translation_backends=[fake])
    try:
        async with running(app, poll_timeout=1):
            groups: list[tuple[SimChat, SimUser]] = []
            for number in range(GROUPS):
                admin = sim.add_user(f"Admin {number}", language_code="en")
                group = sim.add_group(f"Working group {number}", members=[admin])
                sim.set_admin(group, admin, "creator")
                sim.post(group, admin, "/settings languages en ru zh fi")
                sim.post(group, admin, "/autotranslate on")
                groups.append((group, admin))
            visitors = [sim.add_user(f"Visitor {n}", language_code="en") for n in range(5)]
            await settle(app, lambda: len(sim.updates), timeout=30)
            idle = await _help_latencies(sim, visitors, 10)

            languages = list(TEMPLATES)
            unique = [TEMPLATES[languages[n % 4]].format(n=n) for n in range(UNIQUE)]
            plan = [("unique", text) for text in unique]
            plan += [("repeat", unique[n]) for n in range(REPEATS)]
            plan += [("noise", NOISE_LINES[n % len(NOISE_LINES)]) for n in range(NOISE)]
            group_ids = {group.id for group, _ in groups}

            def group_replies() -> int:
                return sum(1 for m in sim.bot_messages() if m.chat_id in group_ids)

            before_replies = group_replies()
            start = time.monotonic()
            unique_posts = plan[:UNIQUE]
            for index, (_, text) in enumerate(unique_posts):
                group, admin = groups[index % GROUPS]
                sim.post(group, admin, text)
            probes = asyncio.create_task(_help_latencies(sim, visitors, HELP_PROBES))
            await settle(app, lambda: len(sim.updates), timeout=60)
            calls_after_unique = fake.call_count
            for index, (_, text) in enumerate(plan[UNIQUE:]):
                group, admin = groups[index % GROUPS]
                sim.post(group, admin, text)
            await settle(app, lambda: len(sim.updates), timeout=60)
            wall = time.monotonic() - start
            busy = await probes
            await settle(app, lambda: len(sim.updates), timeout=60)
            calls_repeats_noise = fake.call_count - calls_after_unique
            noise_texts = set(NOISE_LINES)
            noise_calls = sum(1 for text, _, _ in fake.calls if text in noise_texts)
            return Measured(
                wall=wall,
                calls_unique=calls_after_unique / UNIQUE,
                calls_repeat=(calls_repeats_noise - noise_calls) / REPEATS,
                calls_noise=noise_calls / NOISE,
                help_p50_ms=statistics.median(busy),
                help_p95_ms=_percentile(busy, 0.95),
                replies=group_replies() - before_replies,
            ), idle
    finally:
        await sim.stop()


def main() -> None:
    """Run the burst and print figures with the issue's goals beside them."""
    measured, idle = asyncio.run(run())
    idle_p95 = _percentile(idle, 0.95)
    serial = UNIQUE * 3 * BACKEND_DELAY
    print("translation burst: 200 messages, 20 four-language groups, fake backend 300 ms/call")
    print(f"  wall time                 {measured.wall:6.2f} s   (goal ≤ 3 s)")
    print(
        f"  serial estimate           {serial:6.1f} s   "
        f"({serial / measured.wall:.0f}× the measured)"
    )
    print(
        f"  translation replies       {measured.replies:6d}     "
        f"(expected {UNIQUE + REPEATS}: unique + repeated messages)"
    )
    print(f"  backend calls / message   {measured.calls_unique:6.2f}     unique (goal ≤ 3)")
    print(f"                            {measured.calls_repeat:6.2f}     repeats (goal 0)")
    print(
        f"                            {measured.calls_noise:6.2f}     "
        "no translation needed (goal 0)"
    )
    print(
        f"  /help latency, idle       p50 {statistics.median(idle):6.1f} ms  p95 {idle_p95:6.1f} ms"
    )
    print(
        f"  /help latency, in burst   p50 {measured.help_p50_ms:6.1f} ms  "
        f"p95 {measured.help_p95_ms:6.1f} ms (goal < 100 ms; "
        f"{measured.help_p95_ms / max(idle_p95, 0.001):.1f}× idle)"
    )
