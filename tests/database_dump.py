"""The database as SQL text, to prove that refused input changed nothing a user keeps."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# An open dialogue's draft follows every answer, refused ones included (it records the last
# message, so the dialogue can go on after a restart): it is the dialogue's, not the user's data.
SCRATCH = ('INSERT INTO "dialogue_drafts"',)


def dump(path: Path) -> list[str]:
    """Every row of the database as SQL, dialogue drafts left out."""
    with sqlite3.connect(path) as conn:
        return [line for line in conn.iterdump() if not line.startswith(SCRATCH)]
