"""Backends sometimes return their error or quota text as if it were a translation: catch it."""

from __future__ import annotations

import re

from bot.translation.backend import BadAnswer
from bot.translation.scripts import letter_weight, script_of

# Upper-cased fragments of texts backends put where the translation belongs. MyMemory answers
# HTTP 200 with these in `translatedText` (quota, length, language pair, e-mail problems).
ERROR_MARKERS: tuple[str, ...] = (
    "MYMEMORY WARNING",
    "YOU USED ALL AVAILABLE FREE TRANSLATIONS",
    "NEXT AVAILABLE IN",
    "QUERY LENGTH LIMIT EXCEEDED",
    "MAX ALLOWED QUERY",
    "INVALID LANGUAGE PAIR",
    "IS AN INVALID SOURCE LANGUAGE",
    "IS AN INVALID TARGET LANGUAGE",
    "PLEASE SELECT TWO DISTINCT LANGUAGES",
    "NO QUERY SPECIFIED",
    "INVALID EMAIL PROVIDED",
    "TOO MANY REQUESTS",
)
# An unchanged answer between two languages in the same script (en, fi) is suspicious only
# for a real sentence: names, brands and "Savonlinna" legitimately come back as they went in.
SAME_SCRIPT_IDENTICAL_WORDS = 5
# Between different scripts (ru → en), this much text left in the source script means
# nothing was translated.
CROSS_SCRIPT_IDENTICAL_WEIGHT = 4
_SPACE = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def check_answer(answer: object, text: str, source: str, target: str) -> str:
    """Return the answer if it is a plausible translation of `text`; raise BadAnswer if not."""
    if answer is None:
        raise BadAnswer("no translation (None)")
    if isinstance(answer, list | tuple) and all(isinstance(part, str) for part in answer):
        answer = "\n".join(answer)  # Yandex returns a list of strings
    if not isinstance(answer, str):
        raise BadAnswer(f"not a text but {type(answer).__name__}")
    if not answer.strip():
        raise BadAnswer("empty translation")
    upper_answer, upper_text = answer.upper(), text.upper()
    for marker in ERROR_MARKERS:
        if marker in upper_answer and marker not in upper_text:
            raise BadAnswer(f"error text instead of a translation: {answer[:120]!r}")
    if source != target and _squash(answer) == _squash(text):
        source_script, target_script = script_of(source), script_of(target)
        if source_script != target_script:
            if letter_weight(text, source_script) >= CROSS_SCRIPT_IDENTICAL_WEIGHT:
                raise BadAnswer(f"returned the {source} text unchanged")
        elif len(text.split()) >= SAME_SCRIPT_IDENTICAL_WORDS:
            raise BadAnswer(f"returned a {len(text.split())}-word {source} text unchanged")
    return answer
