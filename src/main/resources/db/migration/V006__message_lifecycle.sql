-- Message lifecycle (issue 15): edits, deletions (erasure), reactions, replies and revisions.
-- Written to run on PostgreSQL and on H2 in PostgreSQL mode. Nothing is renumbered: every existing message keeps its
-- seq and takes rev = seq, every conversation's last_rev = last_seq (so far each of its changes was a new message).

-- Each conversation counts its changes (new messages, edits, deletions, reaction changes): the next rev is taken under
-- the conversation's row lock, like the next seq.
ALTER TABLE conversations ADD COLUMN last_rev BIGINT NOT NULL DEFAULT 0;
UPDATE conversations SET last_rev = last_seq;

-- rev: the revision of the message's latest change. Deleting a message erases it: content '' and reactions '[]'.
-- reactions: the message's reactions as the wire shows them, a JSON array of {emoji, userIds} in the order the emoji
-- were first added (read and written whole, under the conversation's lock, always with the message).
-- reply_to_*: the message this one replies to, and the first 100 characters of it as it is now (kept up to date by
-- the edit or deletion of that message, so that a deletion erases the quote too).
ALTER TABLE messages ADD COLUMN rev BIGINT NOT NULL DEFAULT 0;
UPDATE messages SET rev = seq;
ALTER TABLE messages ADD COLUMN edited_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE messages ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE messages ADD COLUMN reactions VARCHAR NOT NULL DEFAULT '[]';
ALTER TABLE messages ADD COLUMN reply_to_seq BIGINT;
ALTER TABLE messages ADD COLUMN reply_to_sender_id VARCHAR(255);
ALTER TABLE messages ADD COLUMN reply_excerpt VARCHAR(400);

-- sync's changes: a conversation's messages by rev.
CREATE INDEX messages_by_rev ON messages (conversation_id, rev);
-- The replies' index and full-text search: migration 6.1 (storage.MessageIndexes), written per database.
