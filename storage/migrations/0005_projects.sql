-- Joint projects: a lead delegation proposes, partner delegations answer, coordinators move
-- the project through its stages; every decision is kept in project_events.
CREATE TABLE projects (
    id           INTEGER PRIMARY KEY,
    title        TEXT    NOT NULL,                  -- 3–120 characters, one line
    summary      TEXT    NOT NULL,                  -- up to 2000 characters
    areas        TEXT    NOT NULL DEFAULT '',       -- comma-separated interest codes
    lead_id      INTEGER NOT NULL REFERENCES delegations (id),
    stage        TEXT    NOT NULL DEFAULT 'proposed'
                 CHECK (stage IN ('proposed', 'discussion', 'approved', 'funded',
                                  'rejected', 'withdrawn')),
    amount_minor INTEGER CHECK (amount_minor IS NULL OR amount_minor > 0),  -- cents, fen, kopecks
    currency     TEXT    CHECK (currency IS NULL OR currency IN ('CNY', 'RUB', 'EUR', 'USD')),
    target_date  TEXT,                              -- ISO date (YYYY-MM-DD), no time of day
    proposed_by  INTEGER NOT NULL REFERENCES users (id),
    proposed_in  INTEGER REFERENCES chats (id) ON UPDATE CASCADE ON DELETE SET NULL,
    created_at   TEXT    NOT NULL,                  -- UTC, ISO 8601
    updated_at   TEXT    NOT NULL,
    CHECK ((amount_minor IS NULL) = (currency IS NULL))
);
CREATE INDEX projects_by_lead ON projects (lead_id);
CREATE INDEX projects_by_stage ON projects (stage);

-- Delegations invited to a project, and their answer.
CREATE TABLE project_partners (
    project_id    INTEGER NOT NULL REFERENCES projects (id),
    delegation_id INTEGER NOT NULL REFERENCES delegations (id),
    status        TEXT    NOT NULL DEFAULT 'invited'
                  CHECK (status IN ('invited', 'accepted', 'declined')),
    invited_at    TEXT    NOT NULL,
    answered_by   INTEGER,                          -- Telegram user id (an anonymous admin too)
    answered_at   TEXT,
    PRIMARY KEY (project_id, delegation_id)
);
CREATE INDEX project_partners_by_delegation ON project_partners (delegation_id);

-- Endorsements: one per person and project, counted by the delegation they belong to.
CREATE TABLE project_supports (
    project_id    INTEGER NOT NULL REFERENCES projects (id),
    user_id       INTEGER NOT NULL REFERENCES users (id),
    delegation_id INTEGER NOT NULL REFERENCES delegations (id),
    at            TEXT    NOT NULL,
    PRIMARY KEY (project_id, user_id)
) WITHOUT ROWID;

-- Who decided what and when: written in the same transaction as the change it records.
CREATE TABLE project_events (
    id            INTEGER PRIMARY KEY,
    project_id    INTEGER NOT NULL REFERENCES projects (id),
    actor_id      INTEGER NOT NULL,                 -- Telegram user id (an anonymous admin too)
    action        TEXT    NOT NULL
                  CHECK (action IN ('proposed', 'invited', 'accepted', 'declined', 'stage')),
    delegation_id INTEGER REFERENCES delegations (id),  -- the partner invited or answering
    from_stage    TEXT,
    to_stage      TEXT,
    reason        TEXT    NOT NULL DEFAULT '',
    at            TEXT    NOT NULL
);
CREATE INDEX project_events_by_project ON project_events (project_id, id);
