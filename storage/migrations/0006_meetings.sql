-- Meetings between delegations, stored as UTC instants with the zone they were typed in.
CREATE TABLE meetings (
    id             INTEGER PRIMARY KEY,
    title          TEXT    NOT NULL,
    starts_at      TEXT    NOT NULL,                -- UTC, ISO 8601
    duration_min   INTEGER NOT NULL DEFAULT 60 CHECK (duration_min BETWEEN 5 AND 1440),
    timezone       TEXT    NOT NULL,                -- IANA zone the time was read in
    place          TEXT    NOT NULL DEFAULT '',     -- a room, an address or a video link
    agenda         TEXT    NOT NULL DEFAULT '',
    project_id     INTEGER,                         -- optional link to a joint project (no FK yet)
    organiser_id   INTEGER NOT NULL,                -- Telegram user id
    origin_chat_id INTEGER REFERENCES chats (id) ON UPDATE CASCADE ON DELETE SET NULL,
    status         TEXT    NOT NULL DEFAULT 'scheduled'
                   CHECK (status IN ('scheduled', 'cancelled')),
    sequence       INTEGER NOT NULL DEFAULT 0,      -- raised on each reschedule (iCalendar)
    cancel_reason  TEXT    NOT NULL DEFAULT '',
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
);
CREATE INDEX meetings_by_start ON meetings (starts_at) WHERE status = 'scheduled';

CREATE TABLE meeting_delegations (
    meeting_id    INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    delegation_id INTEGER NOT NULL REFERENCES delegations (id),
    PRIMARY KEY (meeting_id, delegation_id)
) WITHOUT ROWID;
CREATE INDEX meeting_delegations_by_delegation ON meeting_delegations (delegation_id, meeting_id);

-- Going / Maybe / Can't, one answer per person; cleared when the meeting moves.
CREATE TABLE meeting_rsvps (
    meeting_id    INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL REFERENCES users (id),
    delegation_id INTEGER REFERENCES delegations (id),  -- counted under this delegation
    answer        TEXT    NOT NULL CHECK (answer IN ('going', 'maybe', 'no')),
    answered_at   TEXT    NOT NULL,
    PRIMARY KEY (meeting_id, user_id)
) WITHOUT ROWID;

-- Cards posted into chats, so an RSVP updates the counts on every one of them.
CREATE TABLE meeting_cards (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    chat_id    INTEGER NOT NULL REFERENCES chats (id) ON UPDATE CASCADE ON DELETE CASCADE,
    message_id INTEGER NOT NULL,
    sequence   INTEGER NOT NULL,                    -- the meeting's sequence the card shows
    PRIMARY KEY (chat_id, message_id)
) WITHOUT ROWID;
CREATE INDEX meeting_cards_by_meeting ON meeting_cards (meeting_id);

-- The reminder outbox: the database, not the job queue, is the source of truth. A row is
-- claimed (claimed_at) with a conditional UPDATE before sending, and sent_at is set after.
-- voided_at ends a row that will never be sent (meeting moved or cancelled, chat closed,
-- meeting already started when the bot came back).
CREATE TABLE reminders (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    chat_id     INTEGER NOT NULL REFERENCES chats (id) ON UPDATE CASCADE ON DELETE CASCADE,
    user_id     INTEGER,                            -- set for a private reminder (/remindme)
    offset_min  INTEGER NOT NULL CHECK (offset_min > 0),
    due_at      TEXT    NOT NULL,                   -- UTC, ISO 8601
    claimed_at  TEXT,
    sent_at     TEXT,
    voided_at   TEXT,
    delayed     INTEGER NOT NULL DEFAULT 0,         -- 1 when sent late (the bot was down)
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    created_at  TEXT    NOT NULL
);
CREATE INDEX reminders_pending ON reminders (due_at)
    WHERE sent_at IS NULL AND voided_at IS NULL;
CREATE INDEX reminders_by_meeting ON reminders (meeting_id);
-- One live row per meeting, chat, offset and due time: planning twice adds nothing, while a
-- moved meeting (new due time) gets new rows beside the ones already sent.
CREATE UNIQUE INDEX reminders_once
    ON reminders (meeting_id, chat_id, offset_min, due_at) WHERE voided_at IS NULL;

-- Per-chat reminder offsets and weekly digest; a chat without a row uses the defaults.
CREATE TABLE meeting_chat_settings (
    chat_id          INTEGER PRIMARY KEY REFERENCES chats (id)
                     ON UPDATE CASCADE ON DELETE CASCADE,
    reminder_offsets TEXT,                          -- minutes, e.g. '1440,60'; '' = none
    digest           TEXT,                          -- 'off' or e.g. 'mon 09:00'; NULL = default
    digest_sent_for  TEXT                           -- UTC instant of the last digest slot sent
);

-- Who wants a private reminder for meetings they answered Going to.
CREATE TABLE reminder_optins (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id),
    enabled    INTEGER NOT NULL,
    updated_at TEXT    NOT NULL
);
