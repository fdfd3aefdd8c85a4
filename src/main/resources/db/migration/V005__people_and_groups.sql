-- People and groups: admins besides owners and members, invite codes that can expire or run out, and whether plain
-- members may see (and so share) a group's invite code. Written to run on PostgreSQL and on H2 in PostgreSQL mode.

-- The role's check gains 'admin'. The check of V001 has a name of the database's choosing (H2 and PostgreSQL name
-- it differently), so the column is replaced rather than the constraint dropped by name: dropping the column drops
-- its check on both.
ALTER TABLE conversation_members ADD COLUMN member_role VARCHAR(10) NOT NULL DEFAULT 'member';
UPDATE conversation_members SET member_role = role;
ALTER TABLE conversation_members DROP COLUMN role;
ALTER TABLE conversation_members RENAME COLUMN member_role TO role;
ALTER TABLE conversation_members ALTER COLUMN role DROP DEFAULT;
ALTER TABLE conversation_members ADD CONSTRAINT conversation_members_role_check
    CHECK (role IN ('owner', 'admin', 'member'));

-- The current invite code's limits: after invite_expires_at, or once invite_uses reaches invite_max_uses, it opens
-- nothing (NULL: no limit). Rotating the code resets them.
ALTER TABLE chat_groups ADD COLUMN invite_expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE chat_groups ADD COLUMN invite_max_uses INTEGER;
ALTER TABLE chat_groups ADD COLUMN invite_uses INTEGER NOT NULL DEFAULT 0;
ALTER TABLE chat_groups ADD COLUMN members_can_invite BOOLEAN NOT NULL DEFAULT TRUE;
