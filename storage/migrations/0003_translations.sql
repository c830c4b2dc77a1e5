-- Machine translations already paid for, so a repeated message costs no backend call, even
-- after a restart. Keyed by the normalised text's SHA-256, the language pair and the backend
-- that produced it; the text itself is kept to rule out hash collisions.
CREATE TABLE translations (
    text_hash   TEXT NOT NULL,                      -- sha256 hex of the normalised text
    source      TEXT NOT NULL CHECK (source IN ('en', 'ru', 'zh', 'fi')),
    target      TEXT NOT NULL CHECK (target IN ('en', 'ru', 'zh', 'fi')),
    backend     TEXT NOT NULL,                      -- e.g. 'google', 'libre'
    text        TEXT NOT NULL,                      -- normalised, glossary terms as placeholders
    translation TEXT NOT NULL,
    created_at  TEXT NOT NULL,                      -- UTC, ISO 8601
    PRIMARY KEY (text_hash, source, target, backend)
) WITHOUT ROWID;

CREATE INDEX translations_created_at ON translations (created_at);
