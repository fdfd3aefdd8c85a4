package dev.enterprisechat.messages.control;

import dev.enterprisechat.testsupport.StandaloneJpa;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer's session plans its statements by their keys (no sequential scans, no hash joins) on PostgreSQL, and
 * gives its connection back to the pool with the planner's defaults: the settings are the writer's alone.
 */
class WriterSessionPlansIT {

    @Test
    void theWriterPlansByKeysAndGivesItsConnectionBackWithTheDefaults() throws SQLException {
        try (Connection physical = StandaloneJpa.testDatabase().getConnection()) {
            assertThat(setting(physical, "enable_seqscan")).isEqualTo("on");
            PooledOnce pool = new PooledOnce(physical);

            WriterSession session = WriterSession.open(pool);
            assertThat(session.postgres()).isTrue();
            assertThat(setting(physical, "enable_seqscan")).isEqualTo("off");
            assertThat(setting(physical, "enable_hashjoin")).isEqualTo("off");
            assertThat(physical.getAutoCommit()).isFalse();
            session.close();

            assertThat(pool.returned).isTrue();
            assertThat(physical.isClosed()).isFalse();
            assertThat(setting(physical, "enable_seqscan")).isEqualTo("on");
            assertThat(setting(physical, "enable_hashjoin")).isEqualTo("on");
            assertThat(physical.getAutoCommit()).isTrue();
        }
    }

    private static String setting(Connection db, String name) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery("SHOW " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** A pool of one connection: closing it gives it back (as a container's pool does), it stays open. */
    private static final class PooledOnce implements DataSource {
        private final Connection physical;
        boolean returned;

        PooledOnce(Connection physical) {
            this.physical = physical;
        }

        @Override
        public Connection getConnection() {
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            returned = true;
                            return null;
                        }
                        if (method.getName().equals("isClosed")) {
                            return returned;
                        }
                        try {
                            return method.invoke(physical, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String user, String password) {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
