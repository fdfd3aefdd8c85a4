package dev.enterprisechat.presence.control;

/**
 * The SQL of cluster-wide presence (cluster mode only, on PostgreSQL), in one place: {@code presence_sessions} holds
 * a row per user and instance while the user has a connection there (or is in its grace), counted only while the
 * instance's registration in {@code chat_instances} is fresh.
 */
final class PresenceSql {

    static final String ONLINE_IN_CLUSTER = """
            SELECT DISTINCT p.user_id FROM presence_sessions p JOIN chat_instances i ON i.id = p.instance_id
            WHERE i.expires_at > now() AND p.user_id IN (:users)""";
    static final String HELD_BY = "SELECT user_id FROM presence_sessions WHERE instance_id = ?1";
    static final String HOLD =
            "INSERT INTO presence_sessions (user_id, instance_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
    static final String RELEASE = "DELETE FROM presence_sessions WHERE user_id = ?1 AND instance_id = ?2";
    /** Transitions of one user run under a lock on the user's row, so two instances never both announce one. */
    static final String LOCK_USER = "SELECT id FROM chat_users WHERE id = ?1 FOR UPDATE";
    static final String LIVE_ELSEWHERE = """
            SELECT 1 FROM presence_sessions p JOIN chat_instances i ON i.id = p.instance_id
            WHERE p.user_id = ?1 AND p.instance_id <> ?2 AND i.expires_at > now()""";

    private PresenceSql() {
    }
}
