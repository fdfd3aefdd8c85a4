-- When each member last moved their read position (read receipts carry it).
ALTER TABLE conversation_members ADD COLUMN last_read_at TIMESTAMP WITH TIME ZONE;
