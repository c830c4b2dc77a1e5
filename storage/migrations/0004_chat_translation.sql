-- Auto-translation per chat, its glossary, and which reply holds a message's translations.
ALTER TABLE chats ADD COLUMN autotranslate INTEGER NOT NULL DEFAULT 0;

CREATE TABLE glossary (
    chat_id  INTEGER NOT NULL REFERENCES chats (id) ON UPDATE CASCADE ON DELETE CASCADE,
    term     TEXT    NOT NULL,                      -- as typed
    term_key TEXT    NOT NULL,                      -- case-folded, for uniqueness
    added_by INTEGER NOT NULL,
    added_at TEXT    NOT NULL,
    PRIMARY KEY (chat_id, term_key)
);

-- An edited message gets its translation reply edited: this remembers which reply that is.
CREATE TABLE translation_replies (
    chat_id    INTEGER NOT NULL REFERENCES chats (id) ON UPDATE CASCADE ON DELETE CASCADE,
    message_id INTEGER NOT NULL,
    reply_id   INTEGER NOT NULL,
    created_at TEXT    NOT NULL,
    PRIMARY KEY (chat_id, message_id)
);
