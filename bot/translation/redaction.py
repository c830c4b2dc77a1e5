"""API keys must never reach a log line: deep-translator and urllib3 both put them in text."""

from __future__ import annotations

import logging
from collections.abc import Iterable

REDACTED = "***"
# urllib3 logs every request line at DEBUG, query string included: LibreTranslate's
# api_key and DeepL's auth_key travel there.
THIRD_PARTY_LOGGERS: tuple[str, ...] = ("urllib3.connectionpool",)


def scrub(message: str, secrets: Iterable[str]) -> str:
    """Replace every secret value in `message`, longest first."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        message = message.replace(secret, REDACTED)
    return message


class SecretScrubber(logging.Filter):
    """Rewrites records of the loggers it is attached to so configured secrets are hidden."""

    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        """Always keep the record, with secrets replaced."""
        if self.secrets:
            message = record.getMessage()
            cleaned = scrub(message, self.secrets)
            if cleaned != message:
                record.msg, record.args = cleaned, None
        return True


_SCRUBBER = SecretScrubber()


def install_scrubber(secrets: Iterable[str]) -> None:
    """Attach the scrubber to the HTTP library's loggers (once) and teach it these secrets."""
    _SCRUBBER.secrets.update(s for s in secrets if s)
    for name in THIRD_PARTY_LOGGERS:
        logger = logging.getLogger(name)
        if _SCRUBBER not in logger.filters:
            logger.addFilter(_SCRUBBER)
