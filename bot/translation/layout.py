"""How translations of one message are laid out: one reply, a marked line per language."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from bot.common.languages import FLAGS, SUPPORTED
from bot.translation import Failed, Translated

# Always-kept spellings, besides each chat's glossary and the delegations' names.
BUILT_IN_TERMS = ("Z-Park",)


def targets(chat_languages: Sequence[str], source: str) -> list[str]:
    """The chat's languages other than the message's own, in the chat's order."""
    return [language for language in chat_languages if language != source and language in SUPPORTED]


def marker(language: str) -> str:
    """Flag and short name, e.g. 🇷🇺 RU."""
    return f"{FLAGS[language]} <b>{language.upper()}</b>"


def render(results: Mapping[str, Translated | Failed], order: Sequence[str]) -> str | None:
    """One block per translated language; None when nothing was translated."""
    blocks = [
        f"{marker(language)} {html.escape(result.text, quote=False)}"
        for language in order
        if isinstance(result := results.get(language), Translated)
    ]
    return "\n".join(blocks) if blocks else None
