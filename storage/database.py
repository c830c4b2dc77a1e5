"""One aiosqlite connection per process, with serialised transactions that start IMMEDIATE."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

Row = aiosqlite.Row
Params = Iterable[Any] | dict[str, Any]


class Tx:
    """The handle a transaction body uses; only valid inside `Database.write()`/`read()`."""

    def __init__(self, conn: aiosqlite.Connection, memo: dict[str, dict[Any, Any]]) -> None:
        self._conn = conn
        self.memo = memo

    @asynccontextmanager
    async def atomic(self) -> AsyncIterator[Tx]:
        """Already inside a transaction: statements join it."""
        yield self

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[Tx]:
        """Already inside a transaction: reads see it."""
        yield self

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; return the number of rows it changed."""
        cursor = await self._conn.execute(sql, params)
        count = cursor.rowcount
        await cursor.close()
        return count

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run an INSERT and return the new row id."""
        cursor = await self._conn.execute(sql, params)
        rowid = cursor.lastrowid
        await cursor.close()
        return int(rowid or 0)

    async def one(self, sql: str, params: Params = ()) -> Row | None:
        """First row of a query, or None."""
        async with self._conn.execute(sql, params) as cursor:
            row: Row | None = await cursor.fetchone()
            return row

    async def all(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row of a query."""
        async with self._conn.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def value(self, sql: str, params: Params = ()) -> Any:
        """First column of the first row, or None."""
        row = await self.one(sql, params)
        return None if row is None else row[0]


class Database:
    """Owns the connection; every access goes through one lock so transactions never interleave."""

    def __init__(self, path: Path | str, busy_timeout_ms: int = 5000) -> None:
        self.path = Path(path)
        self._busy_timeout_ms = busy_timeout_ms
        self._conn: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()
        # Small per-repository memos of rows read on every update (users, chats). Only this
        # process writes the database, and the repositories drop an entry whenever they
        # change its row, so a memo is never stale.
        self.memo: dict[str, dict[Any, Any]] = {}

    async def open(self) -> None:
        """Connect with WAL, a busy timeout and foreign keys; create the folder if needed."""
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(self.path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        await conn.execute("PRAGMA journal_mode=WAL")
        # WAL with NORMAL sync survives a crash of the process intact; a power cut may lose the
        # last commits. It saves an fsync per transaction, which is most of a write's cost.
        await conn.execute("PRAGMA synchronous=NORMAL")
        await conn.execute(f"PRAGMA busy_timeout={int(self._busy_timeout_ms)}")
        await conn.execute("PRAGMA foreign_keys=ON")
        self._conn = conn

    async def close(self) -> None:
        """Close the connection: an open aiosqlite thread would hang the process at exit."""
        if self._conn is not None:
            async with self._lock:
                await self._conn.close()
                self._conn = None

    @property
    def connection(self) -> aiosqlite.Connection:
        """The raw connection, for migrations and backups."""
        if self._conn is None:
            raise RuntimeError("database is not open")
        return self._conn

    @asynccontextmanager
    async def write(self) -> AsyncIterator[Tx]:
        """A write transaction: BEGIN IMMEDIATE, COMMIT on success, ROLLBACK on any error."""
        async with self._lock:
            conn = self.connection
            await conn.execute("BEGIN IMMEDIATE")
            try:
                yield Tx(conn, self.memo)
            except BaseException:
                await conn.execute("ROLLBACK")
                self.memo.clear()  # memos written inside may hold rolled-back rows
                raise
            await conn.execute("COMMIT")

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Tx]:
        """Reads that never see another task's half-done transaction."""
        async with self._lock:
            yield Tx(self.connection, self.memo)

    def atomic(self) -> AbstractAsyncContextManager[Tx]:
        """Outside a unit of work, statements that belong together get their own transaction."""
        return self.write()

    def reading(self) -> AbstractAsyncContextManager[Tx]:
        """Reads that belong together, outside a unit of work."""
        return self.read()

    async def execute(self, sql: str, params: Params = ()) -> int:
        """One statement in its own transaction; the number of rows it changed."""
        async with self.write() as tx:
            return await tx.execute(sql, params)

    async def insert(self, sql: str, params: Params = ()) -> int:
        """One INSERT in its own transaction; the new row id."""
        async with self.write() as tx:
            return await tx.insert(sql, params)

    async def one(self, sql: str, params: Params = ()) -> Row | None:
        """Shortcut for a single-row read."""
        async with self.read() as tx:
            return await tx.one(sql, params)

    async def all(self, sql: str, params: Params = ()) -> list[Row]:
        """Shortcut for a many-row read."""
        async with self.read() as tx:
            return await tx.all(sql, params)

    async def value(self, sql: str, params: Params = ()) -> Any:
        """Shortcut for a single-value read."""
        async with self.read() as tx:
            return await tx.value(sql, params)


# What a repository runs on: the transaction of a unit of work, or the database itself, where
# each statement (or `atomic()` block) is its own transaction.
Session = Database | Tx
