"""Which of our four languages a chat line is in, and whether it is worth translating at all.

Thresholds (measured with lingua 2.1 restricted to en/ru/zh/fi, see the tests' tables):
- MIN_CONFIDENCE = 0.65. Cyrillic and Han lines always score 1.0 (one candidate each);
  the doubt is English vs Finnish. Real short English lines scored as low as 0.67 ("See you
  soon") and 0.71 ("Let's meet at the park"), while wrong guesses stayed below: "Hi all"
  → fi 0.51, "Onnea" → en 0.52, "privet kak dela" → fi 0.61, "Hei"/"Terve" 0.63.
- MIN_LETTER_WEIGHT = 4 letters, a Han character counting 2. "ok" (fi 0.84), "lol"
  (fi 0.86), "ja" (fi 0.86) and "kk" (fi 0.997!) score high yet mean nothing, so confidence
  alone cannot reject them; length does. Two Han characters ("好的", "谢谢") pass.
- NEUTRAL_WORDS: chat interjections ("haha", "okay", "lol ok", "omg") are language-neutral
  even when long enough; a line made only of them is not translated.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

from bot.translation.scripts import letter_weight

MIN_CONFIDENCE = 0.65
MIN_LETTER_WEIGHT = 4
NEUTRAL_WORDS: frozenset[str] = frozenset(
    {
        "ok", "okay", "okey", "oki", "okk", "kk", "k", "lol", "lmao", "rofl", "xd", "xdd",
        "omg", "wow", "gg", "brb", "thx", "thnx", "ty", "np", "pls", "plz", "hmm", "hmmm",
        "mm", "mmm", "ah", "oh", "ooh", "uh", "uhm", "yay", "ок", "окей", "лол", "ммм",
        "ага", "угу", "хм", "хмм",
    }
)  # fmt: skip
_LAUGHTER = re.compile(r"^(?:[aа]?(?:[hх][aаeеi])+[hх]?|(?:[aа][hх])+[aа]?|(?:ji|hi|je)+|哈+|呵+)$")
_COMMAND = re.compile(r"^/[A-Za-z0-9_]")
_NOT_LANGUAGE = re.compile(
    r"```.*?```"  # fenced code
    r"|`[^`\n]*`"  # inline code
    r"|(?:https?://|ftp://|www\.)\S+"  # links
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"  # e-mail addresses
    r"|(?<![\w@])@\w+"  # @mentions
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|me|ru|cn|fi|eu|dev|app|info)"
    r"(?:/\S*)?(?!\w)",  # bare domains such as example.com or t.me/x
    re.DOTALL | re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")

_LANGUAGE_CODES = {"ENGLISH": "en", "RUSSIAN": "ru", "CHINESE": "zh", "FINNISH": "fi"}
_detector: Any = None
_detector_lock = threading.Lock()


@dataclass(frozen=True)
class Detection:
    """A detected language (one of en, ru, zh, fi) and lingua's confidence in it, 0…1."""

    language: str
    confidence: float


def _build() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in _LANGUAGE_CODES]
    return (
        LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()
    )


def detector() -> Any:
    """The one lingua detector (~0.35 s and ~120 MB to build), built on first use."""
    global _detector
    if _detector is None:
        with _detector_lock:
            if _detector is None:
                _detector = _build()
    return _detector


def warm_up() -> None:
    """Build the detector now (call it in a thread at start-up) so no update waits for it."""
    detector()


def language_content(text: str) -> str:
    """The text without code, links, e-mail addresses and @mentions: what carries language."""
    return _NOT_LANGUAGE.sub(" ", text)


def _is_neutral(word: str) -> bool:
    return word in NEUTRAL_WORDS or _LAUGHTER.match(word) is not None


def has_language(content: str) -> bool:
    """Enough letters, and not only interjections such as "lol ok" or "хаха"."""
    if letter_weight(content) < MIN_LETTER_WEIGHT:
        return False
    words = _WORD.findall(content.casefold())
    return not all(_is_neutral(word) for word in words)


def needs_translation(text: str) -> bool:
    """False for commands, emoji, numbers, links, code, interjections and too-short lines."""
    stripped = text.strip()
    if not stripped or _COMMAND.match(stripped):
        return False
    return has_language(language_content(stripped))


def detect(text: str) -> Detection | None:
    """The language of a chat line, or None when it is too short or lingua is unsure."""
    content = language_content(text)
    if not has_language(content):
        return None
    values = detector().compute_language_confidence_values(content)
    if not values:
        return None
    best = values[0]
    if best.value < MIN_CONFIDENCE:
        return None
    code = _LANGUAGE_CODES.get(best.language.name)
    return None if code is None else Detection(code, float(best.value))


def guess(text: str) -> str | None:
    """lingua's best guess without the confidence bar: for /tr, where someone asked explicitly."""
    content = language_content(text)
    if not content.strip():
        return None
    found = detector().detect_language_of(content)
    return None if found is None else _LANGUAGE_CODES.get(found.name)
