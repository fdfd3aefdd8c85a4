package dev.enterprisechat.cluster.control;

import dev.enterprisechat.storage.SchemaMigration;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends notifications with {@code NOTIFY}, in the transaction of the change they announce: PostgreSQL delivers them
 * if and only if it commits, in commit order. One too large for a notification is stored in
 * {@code cluster_event_bodies} in the same transaction and sent by reference.
 */
@ApplicationScoped
public class EventPublisher {

    @Resource(lookup = SchemaMigration.DATASOURCE)
    DataSource dataSource;

    /** In the caller's JTA transaction (or at once, outside one), on a connection of the application's pool. */
    void publish(String notification) {
        try (java.sql.Connection db = dataSource.getConnection()) {
            publish(db, List.of(notification), false);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot publish a cluster event: " + e.getMessage(), e);
        }
    }

    /**
     * In the transaction of {@code db}, in order: one round trip, plus one per large notification.
     *
     * @param commit whether the notifying statement is to carry the transaction's commit, in its round trip (the
     *               caller writes nothing after it, and has at least one notification); PostgreSQL skips the commit
     *               if the notifying fails
     */
    void publish(java.sql.Connection db, List<String> notifications, boolean commit) throws SQLException {
        if (notifications.isEmpty()) {
            return;
        }
        List<String> payloads = new ArrayList<>(notifications.size());
        for (String text : notifications) {
            payloads.add(text.length() * 3 <= Notifications.MAX_BYTES
                    || text.getBytes(StandardCharsets.UTF_8).length <= Notifications.MAX_BYTES
                    ? text : Notifications.reference(storeBody(db, text)));
        }
        boolean one = payloads.size() == 1;
        String sql = one ? ClusterSql.NOTIFY_ONE : ClusterSql.NOTIFY_MANY;
        try (PreparedStatement notify = db.prepareStatement(commit ? sql + ClusterSql.THEN_COMMIT : sql)) {
            if (one) {
                notify.setString(1, payloads.get(0));
            } else {
                notify.setArray(1, db.createArrayOf("text", payloads.toArray()));
            }
            notify.execute();
        }
    }

    private static long storeBody(java.sql.Connection db, String text) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(ClusterSql.STORE_BODY, Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, text);
            insert.executeUpdate();
            try (ResultSet key = insert.getGeneratedKeys()) {
                key.next();
                return key.getLong(1);
            }
        }
    }
}
