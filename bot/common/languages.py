"""The four languages parkbridge speaks, and how a Telegram language code maps to one."""

from __future__ import annotations

SUPPORTED: tuple[str, ...] = ("en", "ru", "zh", "fi")

# Each language's name written in itself: shown on buttons so anyone finds their own.
NATIVE_NAMES: dict[str, str] = {
    "en": "English",
    "ru": "Русский",
    "zh": "中文",
    "fi": "Suomi",
}

FLAGS: dict[str, str] = {"en": "🇬🇧", "ru": "🇷🇺", "zh": "🇨🇳", "fi": "🇫🇮"}


def base_language(code: str | None) -> str | None:
    """Cut a Telegram language code (`zh-hans`, `fi-FI`) to one we support, or None."""
    if not code:
        return None
    base = code.replace("_", "-").split("-", 1)[0].strip().lower()
    return base if base in SUPPORTED else None


def resolve_language(
    stored: str | None,
    telegram_code: str | None,
    chat_default: str | None,
    fallback: str,
) -> str:
    """Pick a reply language: the user's choice, then Telegram's, then the chat's, then ours."""
    for candidate in (stored, base_language(telegram_code), chat_default):
        if candidate in SUPPORTED:
            return candidate
    return fallback


def parse_language_list(words: list[str]) -> tuple[list[str], list[str]]:
    """Split typed language codes into (known, in order without repeats) and (unknown)."""
    known: list[str] = []
    unknown: list[str] = []
    for word in words:
        for part in word.replace(",", " ").split():
            code = base_language(part)
            if code is None:
                unknown.append(part)
            elif code not in known:
                known.append(code)
    return known, unknown
