-- Dialogue drafts: what a user has typed into an open dialogue (/register, /propose, /meet,
-- /editdelegation, a rejection) outlives a restart of the bot. One row per dialogue and chat;
-- body is JSON written by the dialogue framework (the open conversations and their forms).
CREATE TABLE dialogue_drafts (
    dialogue TEXT NOT NULL,
    chat_id INTEGER NOT NULL REFERENCES chats (id) ON DELETE CASCADE ON UPDATE CASCADE,
    body TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (dialogue, chat_id)
) WITHOUT ROWID;
