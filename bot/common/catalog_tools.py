"""`python -m bot.common.catalog_tools`: English catalog = msgids; report what others lack."""

from __future__ import annotations

import sys

from babel.messages.pofile import read_po, write_po

from bot.common.i18n import BABEL_LOCALES, po_path
from bot.common.languages import SUPPORTED


def fill_english() -> int:
    """English text is the msgid itself; write it into the English catalog's translations."""
    path = po_path("en")
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=BABEL_LOCALES["en"])
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        wanted = message.id if isinstance(message.id, str) else tuple(message.id)
        if message.string != wanted:
            message.string = wanted
            filled += 1
        message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True, no_location=True)
    return filled


def untranslated() -> dict[str, list[str]]:
    """Messages each language still lacks (empty or fuzzy)."""
    missing: dict[str, list[str]] = {}
    for language in SUPPORTED:
        with po_path(language).open("rb") as handle:
            catalog = read_po(handle, locale=BABEL_LOCALES[language])
        missing[language] = [
            message.id if isinstance(message.id, str) else message.id[0]
            for message in catalog
            if message.id
            and (
                message.fuzzy
                or not all(
                    message.string if isinstance(message.string, tuple) else (message.string,)
                )
            )
        ]
    return missing


def main() -> int:
    """Fill English, then list what translators still have to do."""
    print(f"en: {fill_english()} messages filled from their msgids")
    for language, messages in untranslated().items():
        print(f"{language}: {len(messages)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
