"""Numbered SQL migrations applied in order, each in one transaction, tracked in user_version."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from storage.database import Database

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    """One SQL file: its number is the schema version it produces."""

    version: int
    path: Path

    @property
    def sql(self) -> str:
        """The file's statements."""
        return self.path.read_text(encoding="utf-8")


def discover(folder: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Every migration file, ordered; numbers must run 1, 2, 3… without gaps."""
    found = []
    for path in sorted(folder.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise ValueError(f"migration file name must look like 0001_name.sql: {path.name}")
        found.append(Migration(int(match.group(1)), path))
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise ValueError(f"migration {expected:04d} is missing before {migration.path.name}")
    return found


async def schema_version(db: Database) -> int:
    """The version recorded in the database header."""
    return int(await db.value("PRAGMA user_version"))


async def migrate(
    db: Database, migrations: list[Migration] | None = None, target: int | None = None
) -> int:
    """Apply pending migrations (up to `target`); a failing one leaves nothing of itself behind."""
    pending = discover() if migrations is None else migrations
    current = await schema_version(db)
    for migration in pending:
        if migration.version <= current or (target is not None and migration.version > target):
            continue
        script = "\n".join(
            (
                "BEGIN IMMEDIATE;",
                migration.sql,
                f"PRAGMA user_version = {migration.version};",
                "COMMIT;",
            )
        )
        async with db.read():
            conn = db.connection
            try:
                await conn.executescript(script)
            except Exception:
                if conn.in_transaction:
                    await conn.execute("ROLLBACK")
                raise
        log.info("applied migration %s", migration.path.name)
        current = migration.version
    return current
