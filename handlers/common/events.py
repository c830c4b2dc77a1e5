"""Events between features: a lower feature publishes, a higher one subscribes at wiring time."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)
Subscriber = Callable[[Any, Any], Coroutine[Any, Any, None]]  # (context, event)


class Events:
    """Subscribers by event type; each runs in turn, and one failing does not stop the rest."""

    def __init__(self) -> None:
        self._subscribers: dict[type, list[Subscriber]] = defaultdict(list)

    def subscribe(self, event_type: type, subscriber: Subscriber) -> None:
        """Call `subscriber(context, event)` for every published event of this type."""
        self._subscribers[event_type].append(subscriber)

    async def publish(self, context: Any, event: object) -> None:
        """Tell every subscriber of the event's type."""
        for subscriber in self._subscribers[type(event)]:
            try:
                await subscriber(context, event)
            except Exception:
                log.exception("subscriber %s failed on %r", subscriber.__name__, event)
