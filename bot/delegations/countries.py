"""Countries as people type them (code or name in en, ru, zh, fi), with flags and likely zones."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from babel import Locale
from babel.core import get_global

from bot.common.i18n import BABEL_LOCALES

# Everyday short forms Babel does not list.
ALIASES = {
    "рф": "RU",
    "россия": "RU",
    "кнр": "CN",
    "prc": "CN",
    "中华人民共和国": "CN",
    "usa": "US",
    "uk": "GB",
    "suomi": "FI",
    "сша": "US",
    "hongkong": "HK",
    "香港": "HK",
    "中国香港": "HK",
    "гонконг": "HK",
    "macau": "MO",
    "澳门": "MO",
    "taiwan": "TW",
    "台湾": "TW",
}
# Babel's territory codes that are not countries (EU, UN, "Unknown Region", pseudo-locales).
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB"})
# Countries spanning several zones where one is the obvious default for a park.
PRIMARY_ZONES = {"CN": "Asia/Shanghai", "RU": "Europe/Moscow"}


def _key(text: str) -> str:
    """Case-folded, with punctuation and spaces dropped, so 'Hong-Kong' ≈ 'hongkong'."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s.\-'’()]+", "", folded)


@cache
def _names() -> dict[str, str]:
    """Every country name in the four languages, plus codes and aliases, to its ISO code."""
    table: dict[str, str] = {}
    for locale_name in BABEL_LOCALES.values():
        for code, name in Locale.parse(locale_name).territories.items():
            if _is_country(code):
                table.setdefault(_key(str(name)), str(code))
    for code in Locale.parse("en").territories:
        if _is_country(code):
            table[_key(str(code))] = str(code)
    table.update({_key(alias): code for alias, code in ALIASES.items()})
    return table


def _is_country(code: object) -> bool:
    """Two-letter ISO 3166-1 codes only: no regions (419), unions (EU) or placeholders (ZZ)."""
    return isinstance(code, str) and len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES


def parse_country(text: str) -> str | None:
    """The ISO 3166 alpha-2 code for a code or a name in any of the four languages."""
    return _names().get(_key(text)) if text.strip() else None


def country_name(code: str, language: str) -> str:
    """The country's name in the reader's language."""
    territories = Locale.parse(BABEL_LOCALES[language]).territories
    return str(territories.get(code, code))


def flag(code: str) -> str:
    """The flag emoji made of two regional indicator letters."""
    if len(code) != 2 or not code.isalpha():
        return ""
    return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in code.upper())


def suggested_zone(code: str) -> str | None:
    """The one obvious IANA zone for a country, if it has one."""
    if code in PRIMARY_ZONES:
        return PRIMARY_ZONES[code]
    zones: list[str] = get_global("territory_zones").get(code, [])
    return zones[0] if len(zones) == 1 else None
