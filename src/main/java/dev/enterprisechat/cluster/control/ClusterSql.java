package dev.enterprisechat.cluster.control;

/**
 * The SQL of the cluster mode, in one place (PostgreSQL only: the cluster mode needs LISTEN/NOTIFY). The tables are
 * created by the V003 migration.
 */
final class ClusterSql {

    static final String LISTEN = "LISTEN " + Notifications.CHANNEL;
    static final String NOTIFY_ONE = "SELECT pg_notify('" + Notifications.CHANNEL + "', ?)";
    /** In array order: unnest emits its elements in order and the aggregate consumes them as they come. */
    static final String NOTIFY_MANY =
            "SELECT count(pg_notify('" + Notifications.CHANNEL + "', n)) FROM unnest(?::text[]) AS n";
    /**
     * Appended to a writer's notifying statement: its commit, in the same round trip. The server skips it when the
     * statement before it fails, and the transaction is rolled back as any failed one.
     */
    static final String THEN_COMMIT = ";\nCOMMIT";
    static final String STORE_BODY = "INSERT INTO cluster_event_bodies (body, created_at) VALUES (?, now())";
    static final String LOAD_BODY = "SELECT body FROM cluster_event_bodies WHERE id = ?";
    static final String DELETE_OLD_BODIES =
            "DELETE FROM cluster_event_bodies WHERE created_at < now() - ? * INTERVAL '1 millisecond'";
    static final String PING = "SELECT 1";

    static final String RENEW_INSTANCE =
            "UPDATE chat_instances SET expires_at = now() + ? * INTERVAL '1 millisecond' WHERE id = ?";
    static final String REGISTER_INSTANCE = """
            INSERT INTO chat_instances (id, started_at, expires_at) VALUES (?, now(), now() + ? * INTERVAL '1 millisecond')
            ON CONFLICT (id) DO UPDATE SET expires_at = EXCLUDED.expires_at""";
    static final String EXPIRED_INSTANCES = "DELETE FROM chat_instances WHERE expires_at < now() RETURNING id";
    static final String ORPHANED_INSTANCES = """
            SELECT DISTINCT instance_id FROM presence_sessions WHERE instance_id NOT IN (SELECT id FROM chat_instances)""";

    private ClusterSql() {
    }
}
