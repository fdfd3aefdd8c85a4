-- pgbench: one message-shaped row per transaction, into a table shaped like messages (same indexes, no FKs)
INSERT INTO pgbench.bench_messages (conversation_id, seq, sender_id, content, client_message_id, created_at)
VALUES (:client_id, nextval('pgbench.bench_seq'), 'bench-user',
        'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', NULL, now());
