"""The circuit breaker, driven by a hand-moved clock instead of sleeping."""

from __future__ import annotations

from bot.translation import CircuitBreaker
from tests.fakes import ManualClock


def test_it_opens_after_n_failures_in_a_row() -> None:
    breaker = CircuitBreaker(failures=3, cooldown=10.0, clock=ManualClock())
    breaker.failure()
    breaker.failure()
    breaker.success()  # a success resets the count
    breaker.failure()
    breaker.failure()
    assert breaker.state == "closed" and breaker.allow()
    breaker.failure()
    assert breaker.state == "open" and not breaker.allow()


def test_after_the_cooldown_one_probe_goes_and_decides() -> None:
    clock = ManualClock(100.0)
    breaker = CircuitBreaker(failures=1, cooldown=10.0, clock=clock)
    breaker.failure()
    clock.advance(9.9)
    assert not breaker.allow()
    clock.advance(0.1)
    assert breaker.state == "half-open"
    assert breaker.allow()
    assert not breaker.allow()  # only one probe at a time
    breaker.failure()
    assert breaker.state == "open"
    clock.advance(10.0)
    assert breaker.allow()
    breaker.success()
    assert breaker.state == "closed" and breaker.allow() and breaker.allow()


def test_an_abandoned_probe_lets_the_next_one_try() -> None:
    clock = ManualClock()
    breaker = CircuitBreaker(failures=1, cooldown=5.0, clock=clock)
    breaker.failure()
    clock.advance(5.0)
    assert breaker.allow()
    breaker.abandon()
    assert breaker.allow()
