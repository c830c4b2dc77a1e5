"""What a valid delegation looks like, and what to tell a user whose input is not."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from babel import Locale

from bot.common.i18n import BABEL_LOCALES, N_
from bot.common.languages import NATIVE_NAMES, SUPPORTED
from bot.common.problems import Invalid
from bot.common.timezones import zone_from_text
from bot.delegations.countries import parse_country
from bot.delegations.interests import ordered, parse_areas

NAME_MIN, NAME_MAX = 2, 80
ORGANISATION_MAX = 120
CITY_MAX = 80
DESCRIPTION_MAX = 1000
FIELDS = (
    "name",
    "organisation",
    "country",
    "city",
    "language",
    "timezone",
    "interests",
    "description",
)


@dataclass
class DelegationDraft:
    """The fields of a delegation being registered or edited."""

    name: str = ""
    organisation: str = ""
    country: str = ""
    city: str = ""
    language: str = ""
    timezone: str = ""
    interests: list[str] = field(default_factory=list)
    description: str = ""


def clean(text: str) -> str:
    """Trimmed, NFC, inner runs of whitespace made one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def name_key(name: str) -> str:
    """What makes two names the same: case and surrounding or doubled spaces do not count."""
    return clean(name).casefold()


def check_name(text: str) -> str | Invalid:
    """2–80 characters after trimming."""
    name = clean(text)
    if not NAME_MIN <= len(name) <= NAME_MAX:
        return Invalid(
            N_(
                "A name must be {min} to {max} characters long; yours has {length}. "
                "Example: Zhongguancun Science Park"
            ),
            {"min": str(NAME_MIN), "max": str(NAME_MAX), "length": str(len(name))},
        )
    return name


def check_organisation(text: str) -> str | Invalid:
    """A park or organisation name, up to 120 characters."""
    value = clean(text)
    if not 2 <= len(value) <= ORGANISATION_MAX:
        return Invalid(
            N_(
                "The organisation must be 2 to {max} characters long. "
                "Example: Tsinghua University Science Park (TusPark)"
            ),
            {"max": str(ORGANISATION_MAX)},
        )
    return value


def check_city(text: str) -> str | Invalid:
    """A city name, up to 80 characters."""
    value = clean(text)
    if not 1 <= len(value) <= CITY_MAX:
        return Invalid(
            N_("The city must be 1 to {max} characters long. Example: St. Petersburg"),
            {"max": str(CITY_MAX)},
        )
    return value


def check_country(text: str) -> str | Invalid:
    """An ISO code or a country name in one of the four languages."""
    code = parse_country(text)
    if code is None:
        return Invalid(
            N_(
                "I don't know the country “{text}”. Type its two-letter code or its name, "
                "for example CN, Russia, Финляндия or 中国."
            ),
            {"text": clean(text)},
        )
    return code


@cache
def _language_words() -> dict[str, str]:
    """Codes and language names in the four languages, case-folded, to a code."""
    table = {code: code for code in SUPPORTED}
    table.update({NATIVE_NAMES[code].casefold(): code for code in SUPPORTED})
    for locale_name in BABEL_LOCALES.values():
        names = Locale.parse(locale_name).languages
        for code in SUPPORTED:
            table[str(names[code]).casefold()] = code
    table.update({"简体中文": "zh", "汉语": "zh", "chinese": "zh", "kiina": "zh"})
    return table


def check_language(text: str) -> str | Invalid:
    """en, ru, zh or fi, by code or by name."""
    code = _language_words().get(clean(text).casefold())
    if code is None:
        return Invalid(
            N_(
                "“{text}” is not one of the working languages. Choose en, ru, zh or fi, "
                "for example ru or Русский."
            ),
            {"text": clean(text)},
        )
    return code


def check_timezone(text: str) -> str | Invalid:
    """An IANA zone, or a city people know one by."""
    zone = zone_from_text(text)
    if zone is None:
        return Invalid(
            N_(
                "“{text}” is not a time zone I know. Type an IANA name such as "
                "Asia/Shanghai, Europe/Moscow or Europe/Helsinki."
            ),
            {"text": clean(text)},
        )
    return zone


def check_interests(text: str) -> list[str] | Invalid:
    """One or more areas from the list, by code or by label."""
    codes, unknown = parse_areas(text)
    if unknown or not codes:
        return Invalid(
            N_(
                "“{text}” is not in the list of areas. Press the buttons, or type codes "
                "such as space, manufacturing, biotech, it, energy, education, other."
            ),
            {"text": ", ".join(unknown) or clean(text)},
        )
    return ordered(codes)


def check_description(text: str) -> str | Invalid:
    """Up to 1000 characters; a single dash means none."""
    value = text.strip()
    if value in ("-", "—"):
        return ""
    if len(value) > DESCRIPTION_MAX:
        return Invalid(
            N_(
                "The description is {length} characters long; the limit is {max}. "
                "Please shorten it."
            ),
            {"length": str(len(value)), "max": str(DESCRIPTION_MAX)},
        )
    return value


CHECKS = {
    "name": check_name,
    "organisation": check_organisation,
    "country": check_country,
    "city": check_city,
    "language": check_language,
    "timezone": check_timezone,
    "interests": check_interests,
    "description": check_description,
}


def parse_one_line(text: str) -> DelegationDraft | list[Invalid]:
    """`Name | Organisation | Country | City | language | zone | areas | description`."""
    parts = [part.strip() for part in re.split(r"\s*\|\s*", text.strip(), maxsplit=7)]
    if len(parts) not in (7, 8):
        return [
            Invalid(
                N_(
                    "The one-line form has 7 or 8 parts separated by |: name | organisation | "
                    "country | city | language | time zone | areas | description. Example: "
                    "/register Z-Park | Zhongguancun Science Park | CN | Beijing | zh | "
                    "Asia/Shanghai | space, biotech | Beijing's science park"
                )
            )
        ]
    if len(parts) == 7:
        parts.append("")
    draft = DelegationDraft()
    problems: list[Invalid] = []
    for name, typed in zip(FIELDS, parts, strict=True):
        if name == "description" and not typed:
            continue
        value = CHECKS[name](typed)
        if isinstance(value, Invalid):
            problems.append(value)
        else:
            setattr(draft, name, value)
    return problems or draft
