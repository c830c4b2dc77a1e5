"""The small interface every translation backend offers, real or fake, and its errors."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class Backend(Protocol):
    """A synchronous translator; the service runs it in a worker thread, so it may block."""

    name: str

    def translate(self, text: str, source: str, target: str) -> str:
        """Translate `text` between two of our codes (en, ru, zh, fi); may raise anything."""
        ...


class BackendError(Exception):
    """A backend failed; the message is already scrubbed of keys and safe to log."""


class BadAnswer(BackendError):
    """The backend answered, but with an error or quota text instead of a translation."""
