"""Real backends: deep-translator classes behind the Backend interface, built from config."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from deep_translator import (
    BaiduTranslator,
    DeeplTranslator,
    GoogleTranslator,
    MicrosoftTranslator,
    MyMemoryTranslator,
    YandexTranslator,
)

from bot.common.translation_config import TranslatorConfig
from bot.translation import requests_timeout
from bot.translation.backend import Backend, BackendError
from bot.translation.codes import MICROSOFT_LANGUAGES, YANDEX_LANGUAGES, backend_code
from bot.translation.libre import libre_translator
from bot.translation.redaction import install_scrubber, scrub

Factory = Callable[[str, str], Any]
MAX_DETAIL = 300


class DeepTranslatorBackend:
    """One deep-translator class; a fresh object per call, as they keep per-call state.

    Google, MyMemory and Microsoft write the text and pair into `self._url_params` in
    translate(), so one object shared by threads could send one message's text for another.
    Construction is cheap and offline (Microsoft's network lookup is replaced, see below).
    """

    def __init__(self, name: str, factory: Factory, secrets: Sequence[str] = ()) -> None:
        self.name = name
        self._factory = factory
        self._secrets = tuple(secrets)

    def __repr__(self) -> str:
        return f"DeepTranslatorBackend({self.name!r})"

    def translator(self, source: str, target: str) -> Any:
        """A new deep-translator object for one of our language pairs (codes mapped)."""
        return self._factory(backend_code(self.name, source), backend_code(self.name, target))

    def translate(self, text: str, source: str, target: str) -> str:
        """Translate one text; every failure becomes a BackendError without keys in it."""
        try:
            answer = self.translator(source, target).translate(text)
        except Exception as error:
            # deep-translator puts keys into messages (AuthorizationException) and URLs.
            detail = scrub(f"{type(error).__name__}: {error}", self._secrets)
            raise BackendError(detail[:MAX_DETAIL]) from None
        if isinstance(answer, list) and all(isinstance(part, str) for part in answer):
            answer = "\n".join(answer)  # Yandex answers with a list of strings
        if not isinstance(answer, str):
            raise BackendError(f"{self.name} returned {type(answer).__name__}, not text")
        return answer


class _Microsoft(MicrosoftTranslator):  # type: ignore[misc]
    """MicrosoftTranslator without the network request its constructor makes for languages."""

    def _get_supported_languages(self) -> dict[str, str]:
        return dict(MICROSOFT_LANGUAGES)


def _factory(name: str, config: TranslatorConfig) -> Factory:
    if name == "google":
        return lambda source, target: GoogleTranslator(source=source, target=target)
    if name == "mymemory":
        email = config.mymemory_email
        return lambda source, target: MyMemoryTranslator(source=source, target=target, email=email)
    if name == "libre":
        url, key = config.libre_url or "", config.libre_key
        return lambda source, target: libre_translator(source, target, url, key)
    if name == "deepl":
        key = config.deepl_key
        free = bool(key and key.endswith(":fx"))  # DeepL's free-plan keys end with ":fx"
        return lambda source, target: DeeplTranslator(
            source=source, target=target, api_key=key, use_free_api=free
        )
    if name == "yandex":
        key = config.yandex_key
        return lambda source, target: YandexTranslator(
            source=source, target=target, api_key=key, languages=YANDEX_LANGUAGES
        )
    if name == "baidu":
        appid, appkey = config.baidu_appid, config.baidu_key
        return lambda source, target: BaiduTranslator(
            source=source, target=target, appid=appid, appkey=appkey
        )
    if name == "microsoft":
        key, region = config.microsoft_key, config.microsoft_region
        return lambda source, target: _Microsoft(
            source=source, target=target, api_key=key, region=region
        )
    raise ValueError(f"unknown translation backend {name!r}")


def build_backends(config: TranslatorConfig) -> list[Backend]:
    """The configured backends in fallback order; nothing touches the network here."""
    requests_timeout.install(config.timeout)
    install_scrubber(config.secrets)
    return [
        DeepTranslatorBackend(name, _factory(name, config), config.secrets)
        for name in config.translators
    ]
