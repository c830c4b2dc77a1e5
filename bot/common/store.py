"""The core's door to storage: units of work, each one transaction holding the repositories."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Protocol, TypeVar

Unit = TypeVar("Unit", covariant=True)


class Store(Protocol[Unit]):
    """Opens units of work; a feature names the repositories it needs as its `Unit` protocol."""

    def write(self) -> AbstractAsyncContextManager[Unit]:
        """A transaction that commits when the block ends and rolls back on any error."""
        ...

    def read(self) -> AbstractAsyncContextManager[Unit]:
        """Reads that see one state of the database."""
        ...
