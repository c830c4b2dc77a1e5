-- Delegations: a technology park or organisation from one country, with its people.
CREATE TABLE delegations (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,                  -- as typed (trimmed)
    name_key     TEXT    NOT NULL UNIQUE,           -- case-folded, spaces collapsed: uniqueness
    organisation TEXT    NOT NULL,
    country      TEXT    NOT NULL,                  -- ISO 3166-1 alpha-2
    city         TEXT    NOT NULL,
    language     TEXT    NOT NULL CHECK (language IN ('en', 'ru', 'zh', 'fi')),
    timezone     TEXT    NOT NULL,                  -- IANA
    interests    TEXT    NOT NULL DEFAULT '',       -- comma-separated interest codes
    description  TEXT    NOT NULL DEFAULT '',
    home_chat_id INTEGER REFERENCES chats (id) ON UPDATE CASCADE ON DELETE SET NULL,
    created_by   INTEGER NOT NULL,                  -- Telegram user id (the anonymous admin too)
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);

-- Membership periods: leaving sets left_at and keeps the row, so history stays readable.
CREATE TABLE delegation_members (
    id            INTEGER PRIMARY KEY,
    delegation_id INTEGER NOT NULL REFERENCES delegations (id),
    user_id       INTEGER NOT NULL REFERENCES users (id),
    role          TEXT    NOT NULL CHECK (role IN ('head', 'member')),
    joined_at     TEXT    NOT NULL,
    left_at       TEXT
);
CREATE UNIQUE INDEX delegation_members_current
    ON delegation_members (delegation_id, user_id) WHERE left_at IS NULL;
CREATE INDEX delegation_members_by_user ON delegation_members (user_id) WHERE left_at IS NULL;

CREATE TABLE join_requests (
    id            INTEGER PRIMARY KEY,
    delegation_id INTEGER NOT NULL REFERENCES delegations (id),
    user_id       INTEGER NOT NULL REFERENCES users (id),
    asked_in_chat INTEGER REFERENCES chats (id) ON UPDATE CASCADE ON DELETE SET NULL,
    status        TEXT    NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'approved', 'declined')),
    created_at    TEXT    NOT NULL,
    decided_by    INTEGER,
    decided_at    TEXT
);
CREATE UNIQUE INDEX join_requests_pending
    ON join_requests (delegation_id, user_id) WHERE status = 'pending';

-- Deep-link invitations (t.me/<bot>?start=inv_<token>), usable by anyone until they expire.
CREATE TABLE invites (
    token         TEXT    PRIMARY KEY,
    delegation_id INTEGER NOT NULL REFERENCES delegations (id),
    created_by    INTEGER NOT NULL,
    created_at    TEXT    NOT NULL,
    expires_at    TEXT    NOT NULL
);

-- Who did what to a delegation, and when.
CREATE TABLE delegation_events (
    id            INTEGER PRIMARY KEY,
    delegation_id INTEGER NOT NULL REFERENCES delegations (id),
    actor_id      INTEGER NOT NULL,
    action        TEXT    NOT NULL,   -- registered, edited, joined, approved, declined, left, ...
    subject_id    INTEGER,            -- the member acted upon, if any
    detail        TEXT    NOT NULL DEFAULT '',
    at            TEXT    NOT NULL
);
CREATE INDEX delegation_events_by_delegation ON delegation_events (delegation_id, at);
