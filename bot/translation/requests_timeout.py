"""deep-translator calls `requests` with no timeout; give its calls one so threads end."""

from __future__ import annotations

import importlib
from typing import Any

# The deep-translator modules whose translate() goes through module-level requests.get/post.
PATCHED_MODULES: tuple[str, ...] = (
    "google",
    "mymemory",
    "libre",
    "deepl",
    "yandex",
    "baidu",
    "microsoft",
)


class RequestsWithTimeout:
    """Stands in for the `requests` module inside deep-translator: get/post get a timeout."""

    def __init__(self, requests_module: Any, timeout: float) -> None:
        self._requests = requests_module
        self.timeout = timeout

    def __getattr__(self, name: str) -> Any:
        """Everything else (exceptions, Session…) is the real module's."""
        return getattr(self._requests, name)

    def get(self, *args: Any, **kwargs: Any) -> Any:
        """requests.get with our timeout unless the caller set one."""
        kwargs.setdefault("timeout", self.timeout)
        return self._requests.get(*args, **kwargs)

    def post(self, *args: Any, **kwargs: Any) -> Any:
        """requests.post with our timeout unless the caller set one."""
        kwargs.setdefault("timeout", self.timeout)
        return self._requests.post(*args, **kwargs)


def install(timeout: float) -> None:
    """Bound every socket wait of deep-translator's HTTP calls; idempotent, last value wins.

    The service abandons a call after its own timeout anyway; this makes the abandoned
    worker thread end soon after too, so a hung server cannot hold a thread forever.
    """
    for name in PATCHED_MODULES:
        module = importlib.import_module(f"deep_translator.{name}")
        current = getattr(module, "requests", None)
        if isinstance(current, RequestsWithTimeout):
            current.timeout = timeout
        elif current is not None:
            setattr(module, "requests", RequestsWithTimeout(current, timeout))  # noqa: B010
