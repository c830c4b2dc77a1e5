-- Meetings, RSVPs and the reminder outbox (filled in by the meetings feature).
SELECT 1;
