"""Which writing system a character belongs to, so short-text rules can weigh CJK and Latin."""

from __future__ import annotations

from typing import Literal

Script = Literal["latin", "cyrillic", "han", "other"]

SCRIPT_OF_LANGUAGE: dict[str, Script] = {
    "en": "latin",
    "fi": "latin",
    "ru": "cyrillic",
    "zh": "han",
}
# One Han character carries about a syllable or a word: two of them say as much as four
# Latin or Cyrillic letters ("好的" ~ "okay", "谢谢" ~ "thanks").
HAN_WEIGHT = 2


def script_of(language: str) -> Script:
    """The script a language code of ours is written in."""
    return SCRIPT_OF_LANGUAGE.get(language, "other")


def char_script(char: str) -> Script:
    """The script of one character; digits, punctuation and emoji are "other"."""
    code = ord(char)
    if (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FA1F
    ):
        return "han"
    if not char.isalpha():
        return "other"
    if 0x0400 <= code <= 0x052F:
        return "cyrillic"
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
        return "latin"
    return "other"


def letter_weight(text: str, script: Script | None = None) -> int:
    """Letters in `text` (only those of `script` if given), a Han character counting double."""
    total = 0
    for char in text:
        found = char_script(char)
        if script is not None and found != script:
            continue
        if found == "han":
            total += HAN_WEIGHT
        elif found != "other" or (script is None and char.isalpha()):
            total += 1
    return total
