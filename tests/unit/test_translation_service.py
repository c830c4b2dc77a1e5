"""The translation facade: fallback, hard timeouts, the concurrency bound, breakers, bad answers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Sequence

import pytest

from bot.translation import Failed, Translated, TranslationService
from bot.translation.backend import Backend
from tests.fakes import FakeBackend, ManualClock

ServiceFactory = Callable[..., TranslationService]


@pytest.fixture
async def make_service() -> AsyncIterator[ServiceFactory]:
    made: list[TranslationService] = []

    def make(backends: Sequence[Backend], **options: object) -> TranslationService:
        service = TranslationService(backends, **options)  # type: ignore[arg-type]
        made.append(service)
        return service

    yield make
    for service in made:
        service.close()


async def test_the_first_backend_answers(make_service: ServiceFactory) -> None:
    first, second = FakeBackend("first"), FakeBackend("second")
    service = make_service([first, second])
    result = await service.translate("Доброе утро", "ru", "fi")
    assert result == Translated("[fi] Доброе утро", "ru", "fi", "first")
    assert result.ok and second.call_count == 0
    assert service.stats.calls == {"first": 1}


async def test_a_failing_backend_falls_back_to_the_next(make_service: ServiceFactory) -> None:
    first, second = FakeBackend("first", mode="error"), FakeBackend("second")
    service = make_service([first, second])
    result = await service.translate("Hyvää huomenta", "fi", "en")
    assert isinstance(result, Translated)
    assert result.backend == "second" and result.text == "[en] Hyvää huomenta"
    assert service.stats.failures == {"first": 1}
    assert service.stats.calls == {"first": 1, "second": 1}


async def test_when_every_backend_fails_a_failed_result_comes_back(
    make_service: ServiceFactory, caplog: pytest.LogCaptureFixture
) -> None:
    service = make_service([FakeBackend("a", mode="error"), FakeBackend("b", mode="quota")])
    with caplog.at_level(logging.WARNING, logger="bot.translation"):
        result = await service.translate("Good morning everyone", "en", "zh")
    assert isinstance(result, Failed) and not result.ok
    assert (result.source, result.target) == ("en", "zh")
    assert [(a.backend, a.outcome) for a in result.attempts] == [
        ("a", "error"),
        ("b", "bad_answer"),
    ]
    assert service.stats.failed == 1 and service.stats.failures == {"a": 1, "b": 1}
    assert service.stats.bad_answers == {"b": 1}
    assert "failed on every backend" in caplog.text


@pytest.mark.parametrize("mode", ["quota", "empty", "none"])
async def test_quota_text_and_empty_answers_are_errors(
    make_service: ServiceFactory, mode: str
) -> None:
    service = make_service([FakeBackend("mymemory", mode=mode), FakeBackend("libre")])  # type: ignore[arg-type]
    result = await service.translate("Где встреча завтра?", "ru", "en")
    assert isinstance(result, Translated) and result.backend == "libre"
    assert "MYMEMORY" not in result.text
    assert service.stats.bad_answers == {"mymemory": 1}


async def test_a_cross_script_echo_is_not_a_translation(make_service: ServiceFactory) -> None:
    service = make_service([FakeBackend("lazy", mode="echo"), FakeBackend("good")])
    result = await service.translate("Где встреча?", "ru", "en")
    assert isinstance(result, Translated) and result.backend == "good"


async def test_a_slow_backend_is_abandoned_without_blocking_the_loop(
    make_service: ServiceFactory,
) -> None:
    slow, fast = FakeBackend("slow", delay=1.0), FakeBackend("fast")
    service = make_service([slow, fast], timeout=0.2)
    ticks = 0
    stop = asyncio.Event()

    async def ticker() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            await asyncio.sleep(0.01)

    task = asyncio.create_task(ticker())
    result = await service.translate("Nähdään huomenna", "fi", "ru")
    stop.set()
    await task
    assert isinstance(result, Translated) and result.backend == "fast"
    assert ticks >= 10  # the loop kept running other coroutines meanwhile
    assert service.stats.timeouts == {"slow": 1} and service.stats.total_timeouts == 1
    assert service.stats.failures == {"slow": 1}


async def test_a_timeout_on_the_only_backend_is_a_failed_result(
    make_service: ServiceFactory,
) -> None:
    service = make_service([FakeBackend("slow", delay=0.5)], timeout=0.1)
    result = await service.translate("Please send the slides", "en", "fi")
    assert isinstance(result, Failed)
    assert result.attempts[0].outcome == "timeout"


async def test_calls_in_flight_never_exceed_the_concurrency(
    make_service: ServiceFactory,
) -> None:
    fake = FakeBackend("fake", delay=0.05)
    service = make_service([fake], concurrency=3)
    texts = [f"Message number {n} for the group" for n in range(12)]
    results = await asyncio.gather(*(service.translate(t, "en", "ru") for t in texts))
    assert all(isinstance(r, Translated) for r in results)
    assert fake.max_in_flight == 3


async def test_abandoned_calls_keep_their_slot_until_the_thread_ends(
    make_service: ServiceFactory,
) -> None:
    slow = FakeBackend("slow", delay=0.4)
    fast = FakeBackend("fast")
    service = make_service([slow, fast], timeout=0.1, concurrency=2)
    first = await asyncio.gather(
        *(service.translate(f"Hello there {n}", "en", "fi") for n in (1, 2))
    )
    assert all(isinstance(r, Failed) for r in first)  # both slots held by sleeping threads
    assert slow.max_in_flight == 2 and fast.call_count == 0
    await asyncio.sleep(0.4)  # threads end, slots come back
    result = await service.translate("Hello there 3", "en", "fi")
    assert isinstance(result, Translated)


async def test_the_circuit_opens_skips_and_half_opens(make_service: ServiceFactory) -> None:
    clock = ManualClock()
    flaky, backup = FakeBackend("flaky", mode="error"), FakeBackend("backup")
    service = make_service([flaky, backup], clock=clock, breaker_failures=2, breaker_cooldown=30.0)

    async def ask(n: int) -> Translated | Failed:
        return await service.translate(f"Meeting moved to room {n} today", "en", "ru")

    await ask(1)
    await ask(2)
    assert service.breakers["flaky"].state == "open" and flaky.call_count == 2
    result = await ask(3)
    assert isinstance(result, Translated) and result.backend == "backup"
    assert flaky.call_count == 2 and service.stats.skipped == {"flaky": 1}

    clock.advance(30.0)  # cool-down over: one probe goes, fails, the circuit opens again
    assert service.breakers["flaky"].state == "half-open"
    await ask(4)
    assert flaky.call_count == 3 and service.breakers["flaky"].state == "open"
    await ask(5)
    assert flaky.call_count == 3

    clock.advance(30.0)  # the next probe works: closed again
    flaky.mode = "ok"
    result = await ask(6)
    assert isinstance(result, Translated) and result.backend == "flaky"
    assert service.breakers["flaky"].state == "closed"


async def test_translate_many_runs_targets_concurrently(make_service: ServiceFactory) -> None:
    fake = FakeBackend("fake", delay=0.2)
    service = make_service([fake])
    results = await service.translate_many("Доброе утро, коллеги", "ru", ["zh", "fi", "en", "fi"])
    assert fake.max_in_flight == 3  # the three targets were asked at the same time
    assert list(results) == ["zh", "fi", "en"]
    assert {lang: r.text for lang, r in results.items() if isinstance(r, Translated)} == {
        "zh": "[zh] Доброе утро, коллеги",
        "fi": "[fi] Доброе утро, коллеги",
        "en": "[en] Доброе утро, коллеги",
    }


async def test_same_language_and_unsupported_pairs_need_no_backend(
    make_service: ServiceFactory,
) -> None:
    fake = FakeBackend()
    service = make_service([fake])
    assert await service.translate("Hei", "fi", "fi") == Translated("Hei", "fi", "fi", "identity")
    unsupported = await service.translate("Hola", "es", "en")
    assert isinstance(unsupported, Failed) and "unsupported" in unsupported.reason
    empty = await service.translate("   ", "en", "ru")
    assert isinstance(empty, Failed)
    assert fake.call_count == 0


async def test_backend_errors_are_logged_without_secrets(
    make_service: ServiceFactory, caplog: pytest.LogCaptureFixture
) -> None:
    class Leaky:
        name = "leaky"

        def translate(self, text: str, source: str, target: str) -> str:
            raise RuntimeError("Unauthorized access with the api key sk-SECRET-123")

    service = make_service([Leaky()], secrets=["sk-SECRET-123"])
    with caplog.at_level(logging.DEBUG):
        result = await service.translate("Good morning all", "en", "ru")
    assert isinstance(result, Failed)
    assert "sk-SECRET-123" not in caplog.text and "sk-SECRET-123" not in repr(result)
    assert "***" in result.attempts[0].detail


def test_backend_names_must_be_unique() -> None:
    with pytest.raises(ValueError, match="unique"):
        TranslationService([FakeBackend("x"), FakeBackend("x")])
    with pytest.raises(ValueError):
        TranslationService([])


async def test_requests_beyond_the_concurrency_queue_for_a_slot(
    make_service: ServiceFactory,
) -> None:
    fake = FakeBackend("fake", delay=0.05)
    service = make_service([fake], concurrency=1, timeout=1.0)
    texts = [f"Queued message {n} here" for n in range(4)]
    results = await asyncio.gather(*(service.translate(t, "en", "zh") for t in texts))
    assert all(isinstance(r, Translated) for r in results)
    assert fake.max_in_flight == 1 and service.stats.busy == 0


async def test_an_overloaded_service_says_busy_without_blaming_the_backend(
    make_service: ServiceFactory,
) -> None:
    fake = FakeBackend("fake", delay=0.2)
    backup = FakeBackend("backup")
    service = make_service([fake, backup], concurrency=1, timeout=0.3, breaker_failures=1)
    texts = [f"Overload message {n} here" for n in range(3)]
    results = await asyncio.gather(*(service.translate(t, "en", "fi") for t in texts))
    assert [isinstance(r, Translated) for r in results] == [True, True, False]
    busy = results[2]
    assert isinstance(busy, Failed) and busy.attempts[-1].outcome == "busy"
    assert service.stats.busy == 1 and service.stats.failures == {}
    assert service.breakers["fake"].state == "closed" and backup.call_count == 0
    assert service.stats.calls == {"fake": 2}


async def test_an_unexpected_crash_becomes_a_failed_result(make_service: ServiceFactory) -> None:
    service = make_service([FakeBackend()])
    result = await service.translate("Good morning team", "en", "ru", glossary=[None])  # type: ignore[list-item]
    assert isinstance(result, Failed) and result.reason.startswith("internal error")
