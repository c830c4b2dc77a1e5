"""LibreTranslate through deep-translator, whose language list lacks Finnish until we add it."""

from __future__ import annotations

from typing import Any

from deep_translator import libre as _libre

# Self-hosted LibreTranslate without API keys ignores the parameter, but deep-translator
# refuses to build a LibreTranslator without one, so this stands in when none is configured.
NO_KEY = "none"


def add_finnish() -> None:
    """Teach deep-translator's LibreTranslate table Finnish ("fi"); safe to call repeatedly."""
    table: dict[str, str] = _libre.LIBRE_LANGUAGES_TO_CODES  # the dict the class validates with
    if "fi" not in table.values():
        table["Finnish"] = "fi"


add_finnish()


def libre_translator(source: str, target: str, url: str, key: str | None) -> Any:
    """A LibreTranslator for one pair against our own server (`url` ends with "/")."""
    return _libre.LibreTranslator(
        source=source, target=target, api_key=key or NO_KEY, custom_url=url
    )
