"""The translation facade: cache, then each backend in order, with timeouts and breakers."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from bot.common.languages import SUPPORTED
from bot.common.translation_config import DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT, TranslatorConfig
from bot.translation.answers import check_answer
from bot.translation.backend import Backend, BadAnswer
from bot.translation.backends import build_backends
from bot.translation.breaker import DEFAULT_COOLDOWN, DEFAULT_FAILURES, CircuitBreaker
from bot.translation.cache import TranslationCache, normalise
from bot.translation.glossary import protect, restore, without_placeholders
from bot.translation.redaction import scrub
from bot.translation.results import Attempt, Failed, Outcome, Translated
from bot.translation.scripts import letter_weight
from bot.translation.stats import TranslationStats

log = logging.getLogger(__name__)
MAX_DETAIL = 300

Result = Translated | Failed


class _Abandoned(Exception):
    """Our own deadline passed; the worker thread is left to finish on its own."""


class _Busy(Exception):
    """Every worker slot stayed taken for a whole timeout: we are overloaded."""


class TranslationService:
    """Translate people's words without ever raising or blocking the event loop.

    Each backend call runs in a worker thread of this service's own pool, under a hard
    timeout. At most `concurrency` calls run at once: a slot is freed when the worker thread
    really ends, not when we stop waiting for it, so abandoned calls cannot pile up threads.
    Waiting for a slot is bounded by the timeout too (then the result is Failed, "busy"), so
    one translate() takes at most about 2 x timeout per backend tried.
    Breakers and stats are touched from the event loop only, so they need no locks.
    """

    def __init__(
        self,
        backends: Sequence[Backend],
        cache: TranslationCache | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        concurrency: int = DEFAULT_CONCURRENCY,
        clock: Callable[[], float] = time.monotonic,
        breaker_failures: int = DEFAULT_FAILURES,
        breaker_cooldown: float = DEFAULT_COOLDOWN,
        secrets: Sequence[str] = (),
    ) -> None:
        names = [backend.name for backend in backends]
        if not names:
            raise ValueError("at least one translation backend is needed")
        if len(set(names)) != len(names):
            raise ValueError(f"backend names must be unique, got {names}")
        if timeout <= 0 or concurrency < 1:
            raise ValueError("timeout must be > 0 and concurrency >= 1")
        self.backends: tuple[Backend, ...] = tuple(backends)
        self.cache = cache if cache is not None else TranslationCache()
        self.timeout = timeout
        self.concurrency = concurrency
        self.stats = TranslationStats()
        self.breakers: dict[str, CircuitBreaker] = {
            name: CircuitBreaker(breaker_failures, breaker_cooldown, clock) for name in names
        }
        self._names = tuple(names)
        self._secrets = tuple(secrets)
        self._slots = asyncio.Semaphore(concurrency)
        self._executor = ThreadPoolExecutor(concurrency, thread_name_prefix="translate")

    @classmethod
    def from_config(
        cls,
        config: TranslatorConfig,
        cache: TranslationCache | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> TranslationService:
        """The real backends from configuration, with its timeout and concurrency."""
        return cls(
            build_backends(config),
            cache,
            timeout=config.timeout,
            concurrency=config.concurrency,
            clock=clock,
            secrets=config.secrets,
        )

    def close(self) -> None:
        """Stop the worker pool without waiting for abandoned calls."""
        self._executor.shutdown(wait=False, cancel_futures=True)

    async def translate(
        self, text: str, source: str, target: str, glossary: Iterable[str] = ()
    ) -> Result:
        """Translate `text`; glossary terms are kept as written. Never raises (but cancels)."""
        try:
            return await self._translate(text, source, target, glossary)
        except Exception as error:  # a bug here must cost one translation, not the update
            detail = scrub(f"{type(error).__name__}: {error}", self._secrets)[:MAX_DETAIL]
            log.error("translation %s->%s crashed: %s", source, target, detail)
            self.stats.failed += 1
            return Failed(source, target, f"internal error: {detail}")

    async def _translate(
        self, text: str, source: str, target: str, glossary: Iterable[str]
    ) -> Result:
        if source not in SUPPORTED or target not in SUPPORTED:
            return Failed(source, target, f"unsupported language pair {source}->{target}")
        if source == target:
            return Translated(text, source, target, "identity")
        protected, mapping = protect(text, glossary)
        key = normalise(protected)
        if not key:
            return Failed(source, target, "nothing to translate")
        if letter_weight(without_placeholders(key)) == 0:  # only glossary terms, digits, emoji
            return Translated(restore(key, mapping), source, target, "identity")

        hit = await self.cache.get(key, source, target, self._names)
        if hit is not None:
            if hit.layer == "memory":
                self.stats.memory_hits += 1
            else:
                self.stats.db_hits += 1
            translation = restore(hit.translation, mapping)
            return Translated(translation, source, target, hit.backend, hit.layer)
        self.stats.misses += 1

        attempts: list[Attempt] = []
        try:
            for backend in self.backends:
                answer = await self._try(backend, key, source, target, attempts)
                if answer is not None:
                    await self.cache.put(key, source, target, backend.name, answer)
                    self.stats.translated += 1
                    return Translated(restore(answer, mapping), source, target, backend.name)
        except _Busy:
            self.stats.busy += 1
            self.stats.failed += 1
            log.warning("translation %s->%s: no free worker in %g s", source, target, self.timeout)
            return Failed(source, target, "too many translations in flight", tuple(attempts))
        self.stats.failed += 1
        log.warning(
            "translation %s->%s failed on every backend: %s",
            source,
            target,
            ", ".join(f"{a.backend} {a.outcome}" for a in attempts),
        )
        return Failed(source, target, "every translation backend failed", tuple(attempts))

    async def translate_many(
        self, text: str, source: str, targets: Sequence[str], glossary: Iterable[str] = ()
    ) -> dict[str, Result]:
        """Translate into several languages at once; one result per distinct target."""
        terms = tuple(glossary)
        unique = list(dict.fromkeys(targets))
        results = await asyncio.gather(
            *(self.translate(text, source, target, terms) for target in unique)
        )
        return dict(zip(unique, results, strict=True))

    async def _try(
        self, backend: Backend, text: str, source: str, target: str, attempts: list[Attempt]
    ) -> str | None:
        """One backend's answer, or None after recording why it gave none.

        Raises _Busy when no worker slot frees up in time: that is our load, not the
        backend's fault, so its breaker is not charged, and other backends would wait too.
        """
        name = backend.name
        breaker = self.breakers[name]
        if not breaker.allow():
            self.stats.skipped[name] += 1
            attempts.append(Attempt(name, "skipped", "circuit open"))
            return None
        outcome: Outcome
        try:
            raw = await self._call(backend, text, source, target)
            answer = check_answer(raw, text, source, target)
        except (asyncio.CancelledError, _Busy) as error:
            breaker.abandon()
            if isinstance(error, _Busy):
                attempts.append(Attempt(name, "busy", f"no free worker in {self.timeout:g} s"))
            raise
        except _Abandoned:
            outcome, detail = "timeout", f"no answer in {self.timeout:g} s"
            self.stats.timeouts[name] += 1
        except BadAnswer as error:
            outcome, detail = "bad_answer", str(error)
            self.stats.bad_answers[name] += 1
        except Exception as error:
            outcome, detail = "error", f"{type(error).__name__}: {error}"
        else:
            breaker.success()
            return answer
        breaker.failure()
        self.stats.failures[name] += 1
        detail = scrub(detail, self._secrets)[:MAX_DETAIL]
        attempts.append(Attempt(name, outcome, detail))
        log.warning(
            "translation backend %s %s->%s %s: %s (circuit %s)",
            name,
            source,
            target,
            outcome,
            detail,
            breaker.state,
        )
        return None

    async def _call(self, backend: Backend, text: str, source: str, target: str) -> object:
        """Wait (bounded) for a worker slot, then run the blocking call under the timeout."""
        loop = asyncio.get_running_loop()

        def free_slot(_: Future[str]) -> None:
            # RuntimeError: the loop is gone (shutdown), so nobody waits for the slot any more.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._slots.release)

        try:
            async with asyncio.timeout(self.timeout):
                await self._slots.acquire()
        except TimeoutError:
            raise _Busy from None
        try:
            future = self._executor.submit(backend.translate, text, source, target)
        except BaseException:
            self._slots.release()
            raise
        future.add_done_callback(free_slot)
        self.stats.calls[backend.name] += 1
        deadline = asyncio.timeout(self.timeout)
        try:
            async with deadline:
                return await asyncio.wrap_future(future)
        except TimeoutError:
            if deadline.expired():
                raise _Abandoned from None
            raise
