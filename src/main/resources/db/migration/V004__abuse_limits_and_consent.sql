-- Quotas and consent (hardening). Written to run on PostgreSQL and on H2 in PostgreSQL mode.

-- Creation quotas count a user's conversations and groups of the last hour.
CREATE INDEX conversations_by_creator ON conversations (created_by, created_at);
CREATE INDEX chat_groups_by_creator ON chat_groups (created_by, created_at);

-- Failed join_group attempts, counted per user over a short window (brute force on invite codes); rows older than
-- the window are deleted by the next failure of the same user.
CREATE TABLE failed_joins (
    user_id       VARCHAR(255) NOT NULL,
    attempted_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX failed_joins_by_user ON failed_joins (user_id, attempted_at);

-- Who blocked whom. The blocked id needs no user row: blocking an id says nothing about whether it exists.
CREATE TABLE user_blocks (
    blocker_id  VARCHAR(255) NOT NULL REFERENCES chat_users (id),
    blocked_id  VARCHAR(255) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
CREATE INDEX user_blocks_by_blocked ON user_blocks (blocked_id, blocker_id);

-- Whether the member has sent a message in the conversation: outside groups, two users see each other's presence
-- only once both have taken part in a conversation they share (being put into one is not consent).
ALTER TABLE conversation_members ADD COLUMN posted BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE conversation_members SET posted = TRUE WHERE EXISTS (
    SELECT 1 FROM messages m WHERE m.conversation_id = conversation_members.conversation_id
                               AND m.sender_id = conversation_members.user_id);
