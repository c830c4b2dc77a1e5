-- People the bot has met, and the language each chose.
CREATE TABLE users (
    id                INTEGER PRIMARY KEY,          -- Telegram user id
    first_name        TEXT    NOT NULL DEFAULT '',
    username          TEXT,
    telegram_language TEXT,                         -- language_code as Telegram sent it
    language          TEXT CHECK (language IN ('en', 'ru', 'zh', 'fi')),  -- chosen with /language
    created_at        TEXT    NOT NULL,             -- UTC, ISO 8601
    updated_at        TEXT    NOT NULL
);

-- Chats the bot is in. Tables that reference a chat use ON UPDATE CASCADE, so a group
-- that becomes a supergroup (new id) takes its rows along.
CREATE TABLE chats (
    id         INTEGER PRIMARY KEY,                 -- Telegram chat id
    type       TEXT    NOT NULL CHECK (type IN ('private', 'group', 'supergroup', 'channel')),
    title      TEXT    NOT NULL DEFAULT '',
    timezone   TEXT,                                -- IANA name; NULL = the configured default
    languages  TEXT,                                -- e.g. 'ru,zh,fi'; NULL = the default language
    active     INTEGER NOT NULL DEFAULT 1,          -- 0 once the bot was removed or blocked
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);
