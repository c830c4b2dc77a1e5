-- Meeting fixes: reminder retries with backoff, one live card per chat, digests marked after
-- they were posted.

-- A reminder whose send failed for a passing reason (flood limit, network) waits until
-- next_attempt_at; NULL means "at due_at". The dispatcher looks rows up by this moment.
ALTER TABLE reminders ADD COLUMN next_attempt_at TEXT;
CREATE INDEX reminders_ready ON reminders (coalesce(next_attempt_at, due_at))
    WHERE sent_at IS NULL AND voided_at IS NULL;

-- A card whose text is too long for one message is posted in parts; its RSVP counts and
-- buttons then sit in a short last message of their own (compact = 1), the one that is edited.
ALTER TABLE meeting_cards ADD COLUMN compact INTEGER NOT NULL DEFAULT 0;
-- One live card per meeting and chat: a newer card replaces the older row, so an RSVP edits
-- one message per chat.
DELETE FROM meeting_cards WHERE EXISTS (
    SELECT 1 FROM meeting_cards newer
    WHERE newer.meeting_id = meeting_cards.meeting_id
      AND newer.chat_id = meeting_cards.chat_id
      AND newer.message_id > meeting_cards.message_id
);
CREATE UNIQUE INDEX meeting_cards_one_per_chat ON meeting_cards (meeting_id, chat_id);

-- The weekly digest is claimed (digest_claimed_for) before posting and recorded as sent
-- (digest_sent_for) only after Telegram accepted it; a failed post releases the claim.
ALTER TABLE meeting_chat_settings ADD COLUMN digest_claimed_for TEXT;
