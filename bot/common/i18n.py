"""The bot's own words: gettext catalogs for en, ru, zh, fi, with plural rules and Babel dates."""

from __future__ import annotations

import gettext
import io
from datetime import datetime, tzinfo
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.common.languages import SUPPORTED

LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"
DOMAIN = "parkbridge"
BABEL_LOCALES = {"en": "en_GB", "ru": "ru_RU", "zh": "zh_Hans_CN", "fi": "fi_FI"}


def N_(message: str) -> str:
    """Mark a message for the catalogs where it is declared, translate it where it is shown."""
    return message


def po_path(language: str, folder: Path = LOCALES_DIR) -> Path:
    """Where a language's catalog lives."""
    return folder / language / "LC_MESSAGES" / f"{DOMAIN}.po"


class Tr:
    """One reader's language: messages, plurals and dates, all in that language."""

    def __init__(self, language: str, translations: gettext.NullTranslations) -> None:
        self.language = language
        self.locale = Locale.parse(BABEL_LOCALES[language])
        self._translations = translations

    def t(self, message: str, /, **values: Any) -> str:
        """Translate a message and fill its `{placeholders}`."""
        text = self._translations.gettext(message)
        return text.format(**values) if values else text

    def tn(self, singular: str, plural: str, count: int, /, **values: Any) -> str:
        """Translate a message whose form depends on `count` (Russian has three)."""
        text = self._translations.ngettext(singular, plural, count)
        return text.format(count=count, **values)

    def when(self, moment: datetime, zone: tzinfo, fmt: str = "EEE d MMM, HH:mm") -> str:
        """A moment as this reader's locale writes it, in the given zone."""
        return format_datetime(moment, fmt, tzinfo=zone, locale=self.locale)


@cache
def _compiled(language: str, folder: Path) -> gettext.GNUTranslations:
    """Compile a .po file to an in-memory .mo once per process."""
    with po_path(language, folder).open("rb") as handle:
        catalog = read_po(handle, locale=BABEL_LOCALES[language])
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def translator(language: str, folder: Path = LOCALES_DIR) -> Tr:
    """The Tr for a supported language (anything else falls back to English)."""
    code = language if language in SUPPORTED else "en"
    return Tr(code, _compiled(code, folder))
