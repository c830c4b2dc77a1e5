"""The interest areas delegations and projects are sorted by, with their localized labels."""

from __future__ import annotations

import re
from functools import cache

from bot.common.i18n import N_, translator
from bot.common.languages import SUPPORTED

AREAS: dict[str, str] = {
    "space": N_("Space research"),
    "manufacturing": N_("Advanced manufacturing"),
    "biotech": N_("Biotechnology"),
    "it": N_("Information technology"),
    "energy": N_("Energy"),
    "education": N_("Education"),
    "other": N_("Other"),
}


@cache
def _words() -> dict[str, str]:
    """Codes and labels in every language, case-folded, to the area code."""
    table = {code: code for code in AREAS}
    for language in SUPPORTED:
        tr = translator(language)
        for code, label in AREAS.items():
            table[tr.t(label).casefold()] = code
    return table


def parse_areas(text: str) -> tuple[list[str], list[str]]:
    """Split a typed list ('space, biotech' or localized labels) into (codes, unknown words)."""
    codes: list[str] = []
    unknown: list[str] = []
    for part in re.split(r"[,;，、\n]+", text):
        word = part.strip().casefold()
        if not word:
            continue
        code = _words().get(word)
        if code is None:
            unknown.append(part.strip())
        elif code not in codes:
            codes.append(code)
    return codes, unknown


def ordered(codes: set[str] | list[str] | tuple[str, ...]) -> list[str]:
    """Codes in the list's own order, so every card shows them the same way."""
    return [code for code in AREAS if code in codes]
