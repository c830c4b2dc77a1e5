"""Each backend spells our four languages its own way; these are the codes it accepts."""

from __future__ import annotations

# Checked against deep-translator 1.11.4's constants.py and each class's constructor:
# a code must be one of the values of the language dict the class validates against.
BACKEND_CODES: dict[str, dict[str, str]] = {
    # GOOGLE_LANGUAGES_TO_CODES: Simplified Chinese is "zh-CN".
    "google": {"en": "en", "ru": "ru", "zh": "zh-CN", "fi": "fi"},
    # MY_MEMORY_LANGUAGES_TO_CODES holds full locales only.
    "mymemory": {"en": "en-GB", "ru": "ru-RU", "zh": "zh-CN", "fi": "fi-FI"},
    # LIBRE_LANGUAGES_TO_CODES (+ Finnish, added by bot.translation.libre).
    "libre": {"en": "en", "ru": "ru", "zh": "zh", "fi": "fi"},
    # DEEPL_LANGUAGE_TO_CODE.
    "deepl": {"en": "en", "ru": "ru", "zh": "zh", "fi": "fi"},
    # Yandex validates against Google's dict unless given its own; we pass YANDEX_LANGUAGES.
    "yandex": {"en": "en", "ru": "ru", "zh": "zh", "fi": "fi"},
    # BAIDU_LANGUAGE_TO_CODE: Finnish is "fin".
    "baidu": {"en": "en", "ru": "ru", "zh": "zh", "fi": "fin"},
    # Microsoft fetches its list over the network in __init__; we pass MICROSOFT_LANGUAGES.
    "microsoft": {"en": "en", "ru": "ru", "zh": "zh-Hans", "fi": "fi"},
}

# Handed to YandexTranslator(languages=...): its default is Google's dict, which lacks "zh".
YANDEX_LANGUAGES: dict[str, str] = {
    "english": "en",
    "russian": "ru",
    "chinese": "zh",
    "finnish": "fi",
}

# Replaces MicrosoftTranslator's network fetch of the language list in its constructor.
MICROSOFT_LANGUAGES: dict[str, str] = {
    "english": "en",
    "russian": "ru",
    "chinese simplified": "zh-Hans",
    "finnish": "fi",
}


def backend_code(backend: str, language: str) -> str:
    """The code `backend` expects for one of our languages; KeyError if it has none."""
    return BACKEND_CODES[backend][language]
