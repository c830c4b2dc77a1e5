"""Real deep-translator backends: codes, LibreTranslate over local HTTP, no internet at all."""

from __future__ import annotations

import itertools
import logging
import socket
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from deep_translator import LibreTranslator
from deep_translator import libre as deep_libre
from deep_translator.exceptions import AuthorizationException

from bot.translation import (
    BackendError,
    Failed,
    Translated,
    TranslationService,
    TranslatorConfig,
    build_backends,
)
from bot.translation.backends import DeepTranslatorBackend
from bot.translation.codes import BACKEND_CODES
from bot.translation.libre import add_finnish
from bot.translation.requests_timeout import RequestsWithTimeout
from tests.fakes import FakeBackend
from tests.libre_standin import running_libre

LANGUAGES = ("en", "ru", "zh", "fi")
ALL_KEYS = {
    "PARKBRIDGE_TRANSLATORS": "google,mymemory,libre,deepl,yandex,baidu,microsoft",
    "PARKBRIDGE_LIBRETRANSLATE_URL": "http://127.0.0.1:9/",
    "PARKBRIDGE_DEEPL_KEY": "deepl-key:fx",
    "PARKBRIDGE_YANDEX_KEY": "yandex-key",
    "PARKBRIDGE_BAIDU_APPID": "baidu-app",
    "PARKBRIDGE_BAIDU_KEY": "baidu-key",
    "PARKBRIDGE_MICROSOFT_KEY": "ms-key",
    "PARKBRIDGE_MICROSOFT_REGION": "westeurope",
}


@pytest.fixture(autouse=True)
def no_internet(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Any HTTP request not to 127.0.0.1 fails and is recorded; the test fails if one was made."""
    blocked: list[str] = []
    real_send = requests.Session.send

    def guarded_send(self: requests.Session, request: Any, **kwargs: Any) -> Any:
        host = urlsplit(str(request.url)).hostname
        if host not in ("127.0.0.1", "localhost"):
            blocked.append(str(request.url))
            raise requests.ConnectionError(f"tests must not reach {host}")
        return real_send(self, request, **kwargs)

    monkeypatch.setattr(requests.Session, "send", guarded_send)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    yield blocked
    assert not blocked, f"a test tried to reach the internet: {blocked}"


def libre_config(url: str, **extra: str) -> TranslatorConfig:
    return TranslatorConfig.from_env(
        {"PARKBRIDGE_TRANSLATORS": "libre", "PARKBRIDGE_LIBRETRANSLATE_URL": url, **extra}
    )


def test_finnish_is_added_to_libre_once() -> None:
    add_finnish()
    add_finnish()
    table = deep_libre.LIBRE_LANGUAGES_TO_CODES
    assert list(table.values()).count("fi") == 1 and table["Finnish"] == "fi"
    translator = LibreTranslator(source="fi", target="zh", api_key="x", custom_url="http://h/")
    assert (translator.source, translator.target) == ("fi", "zh")


@pytest.mark.parametrize("name", sorted(BACKEND_CODES))
def test_every_backend_accepts_our_codes_without_network(name: str) -> None:
    (backend,) = build_backends(
        TranslatorConfig.from_env({**ALL_KEYS, "PARKBRIDGE_TRANSLATORS": name})
    )
    assert isinstance(backend, DeepTranslatorBackend) and backend.name == name
    for source, target in itertools.permutations(LANGUAGES, 2):
        translator = backend.translator(source, target)
        assert translator.source == BACKEND_CODES[name][source]
        assert translator.target == BACKEND_CODES[name][target]


def test_backends_come_in_the_configured_order() -> None:
    backends = build_backends(TranslatorConfig.from_env(ALL_KEYS))
    assert [b.name for b in backends] == ALL_KEYS["PARKBRIDGE_TRANSLATORS"].split(",")
    assert isinstance(deep_libre.requests, RequestsWithTimeout)
    assert deep_libre.requests.timeout == 8.0


def test_a_list_answer_is_joined_and_errors_are_scrubbed() -> None:
    class ListAnswer:
        def translate(self, text: str) -> list[str]:
            return ["Hyvää", "huomenta"]

    class Unauthorised:
        def translate(self, text: str) -> str:
            raise AuthorizationException("key-123")

    joined = DeepTranslatorBackend("yandex", lambda s, t: ListAnswer())
    assert joined.translate("Good morning", "en", "fi") == "Hyvää\nhuomenta"
    leaky = DeepTranslatorBackend("deepl", lambda s, t: Unauthorised(), secrets=["key-123"])
    with pytest.raises(BackendError) as caught:
        leaky.translate("Good morning", "en", "fi")
    assert "key-123" not in str(caught.value) and "AuthorizationException" in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_google_failures_become_backend_errors(no_internet: list[str]) -> None:
    (google,) = build_backends(TranslatorConfig())
    with pytest.raises(BackendError, match="ConnectionError"):
        google.translate("Good morning", "en", "fi")
    assert len(no_internet) == 1 and "translate.google.com" in no_internet[0]
    no_internet.clear()


@pytest.mark.parametrize(
    ("text", "source", "target", "expected"),
    [
        ("Hyvää huomenta", "fi", "en", "Good morning"),
        ("Good morning", "en", "fi", "Hyvää huomenta"),
        ("Доброе утро", "ru", "fi", "Hyvää huomenta"),
        ("Kiitos paljon", "fi", "zh", "非常感谢"),
    ],
)
async def test_libretranslate_through_the_real_code_path(
    text: str, source: str, target: str, expected: str
) -> None:
    with running_libre() as libre:
        service = TranslationService.from_config(libre_config(libre.url))
        try:
            result = await service.translate(text, source, target)
        finally:
            service.close()
    assert result == Translated(expected, source, target, "libre")
    (sent,) = libre.requests
    assert sent == {
        "q": text,
        "source": source,
        "target": target,
        "format": "text",
        "api_key": "none",
    }


async def test_libretranslate_gets_the_configured_key() -> None:
    with running_libre(required_key="lt-secret") as libre:
        service = TranslationService.from_config(
            libre_config(libre.url, PARKBRIDGE_LIBRETRANSLATE_KEY="lt-secret")
        )
        try:
            result = await service.translate("Good morning", "en", "fi")
        finally:
            service.close()
    assert isinstance(result, Translated) and result.text == "Hyvää huomenta"


async def test_a_rejected_key_fails_without_logging_it(caplog: pytest.LogCaptureFixture) -> None:
    with running_libre(required_key="the-right-key") as libre:
        service = TranslationService.from_config(
            libre_config(libre.url, PARKBRIDGE_LIBRETRANSLATE_KEY="wrong-key-456")
        )
        try:
            with caplog.at_level(logging.DEBUG):
                result = await service.translate("Good morning", "en", "fi")
        finally:
            service.close()
    assert isinstance(result, Failed)
    assert "AuthorizationException" in result.attempts[0].detail
    assert "wrong-key-456" not in caplog.text and "wrong-key-456" not in repr(result)


async def test_a_failing_libretranslate_falls_back() -> None:
    with running_libre(status=500) as libre:
        backends = [*build_backends(libre_config(libre.url)), FakeBackend("fallback")]
        service = TranslationService(backends, timeout=2.0)
        try:
            result = await service.translate("Hyvää huomenta", "fi", "ru")
        finally:
            service.close()
    assert isinstance(result, Translated) and result.backend == "fallback"
    assert len(libre.requests) == 1
    assert service.stats.failures == {"libre": 1}


async def test_a_libretranslate_that_is_down_falls_back() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    backends = [
        *build_backends(libre_config(f"http://127.0.0.1:{port}/")),
        FakeBackend("fallback"),
    ]
    service = TranslationService(backends, timeout=2.0)
    try:
        result = await service.translate("Hyvää huomenta", "fi", "en")
    finally:
        service.close()
    assert isinstance(result, Translated) and result.backend == "fallback"
    assert service.stats.failures == {"libre": 1}


async def test_a_hung_server_frees_its_worker_thread_soon_after_the_timeout() -> None:
    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        hung.listen(8)  # accepts connections in the kernel, never answers
        url = f"http://127.0.0.1:{hung.getsockname()[1]}/"
        fallback = FakeBackend("fallback")
        config = libre_config(url, PARKBRIDGE_TRANSLATE_TIMEOUT="0.3")
        service = TranslationService(
            [*build_backends(config), fallback], timeout=0.3, concurrency=1
        )
        try:
            result = await service.translate("Hyvää huomenta", "fi", "en")
        finally:
            service.close()
    # The one slot was held by the hung call's thread; the fallback got it only because
    # requests' own timeout ended that thread, before the fallback's deadline. Whichever of
    # the two equal timeouts fires first (our deadline or requests'), libre failed once.
    assert isinstance(result, Translated) and result.backend == "fallback", result
    stats = service.stats
    assert stats.failures["libre"] == 1, stats.snapshot()  # a timeout counts as a failure too
