"""Machine translation of people's words: backends, fallback, cache, detection, glossary."""

from __future__ import annotations

from bot.common.translation_config import KNOWN_BACKENDS, TranslatorConfig, TranslatorConfigError
from bot.translation.backend import Backend, BackendError, BadAnswer
from bot.translation.backends import build_backends
from bot.translation.breaker import CircuitBreaker
from bot.translation.cache import CacheHit, TranslationCache, normalise
from bot.translation.detection import Detection, detect, needs_translation, warm_up
from bot.translation.glossary import protect, restore
from bot.translation.results import Attempt, Failed, Translated
from bot.translation.service import TranslationService
from bot.translation.stats import TranslationStats

__all__ = [
    "KNOWN_BACKENDS",
    "Attempt",
    "Backend",
    "BackendError",
    "BadAnswer",
    "CacheHit",
    "CircuitBreaker",
    "Detection",
    "Failed",
    "Translated",
    "TranslationCache",
    "TranslationService",
    "TranslationStats",
    "TranslatorConfig",
    "TranslatorConfigError",
    "build_backends",
    "detect",
    "needs_translation",
    "normalise",
    "protect",
    "restore",
    "warm_up",
]
