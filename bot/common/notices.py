"""Notices the bot posts by itself carry every language of the chat, from the catalogs."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bot.common.i18n import Tr, translator


def multilingual(languages: Iterable[str], render: Callable[[Tr], str]) -> str:
    """The same notice once per language, in the chat's order, without repeats."""
    seen: list[str] = []
    for language in languages:
        text = render(translator(language))
        if text not in seen:
            seen.append(text)
    return "\n\n".join(seen)
