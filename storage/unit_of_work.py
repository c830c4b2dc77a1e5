"""The unit of work: one transaction and every repository bound to it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from storage.chat_translation import SqliteChatTranslation
from storage.chats import SqliteChats
from storage.database import Database, Session
from storage.delegations import SqliteDelegations
from storage.drafts import SqliteDrafts
from storage.meetings import SqliteMeetings
from storage.projects import SqliteProjects
from storage.reminders import SqliteReminders
from storage.translations import SqliteTranslationCache
from storage.users import SqliteUsers


class SqliteUnit:
    """The repositories of one session: a transaction, or the autocommit database."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def users(self) -> SqliteUsers:
        """People the bot has met."""
        return SqliteUsers(self.session)

    @property
    def chats(self) -> SqliteChats:
        """Chats the bot is in."""
        return SqliteChats(self.session)

    @property
    def chat_translation(self) -> SqliteChatTranslation:
        """Per-chat translation switches, glossaries and translation replies."""
        return SqliteChatTranslation(self.session)

    @property
    def translations(self) -> SqliteTranslationCache:
        """Machine translations already made."""
        return SqliteTranslationCache(self.session)

    @property
    def delegations(self) -> SqliteDelegations:
        """Delegations, members, join requests and invitations."""
        return SqliteDelegations(self.session)

    @property
    def projects(self) -> SqliteProjects:
        """Joint projects, partners, supporters and history."""
        return SqliteProjects(self.session)

    @property
    def meetings(self) -> SqliteMeetings:
        """Meetings, answers and posted cards."""
        return SqliteMeetings(self.session)

    @property
    def reminders(self) -> SqliteReminders:
        """The reminder outbox and the chat settings it is planned from."""
        return SqliteReminders(self.session)

    @property
    def drafts(self) -> SqliteDrafts:
        """Open dialogues' drafts."""
        return SqliteDrafts(self.session)


def repositories(session: Session) -> SqliteUnit:
    """Repositories over a session, each statement its own transaction on the bare database."""
    return SqliteUnit(session)


class SqliteStore:
    """Opens units of work on the one database connection."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @asynccontextmanager
    async def write(self) -> AsyncIterator[SqliteUnit]:
        """A unit of work that commits at the end, or rolls back on any error."""
        async with self.db.write() as tx:
            yield SqliteUnit(tx)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[SqliteUnit]:
        """A unit of work for reads that must see one state of the database."""
        async with self.db.read() as tx:
            yield SqliteUnit(tx)
