package dev.enterprisechat.messages.control;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A writer thread's own database connection, kept for as long as it works, with its prepared statements kept too:
 * the driver prepares a statement on the server once it has run a few times (PostgreSQL then plans it once, not
 * at every batch), and a batch spends no time on taking a connection from the pool, enlisting a container
 * transaction or preparing statements. Transactions are the connection's own (commit, rollback).
 */
final class WriterSession implements AutoCloseable {

    private final Connection db;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    private WriterSession(Connection db) {
        this.db = db;
    }

    static WriterSession open(DataSource dataSource) throws SQLException {
        Connection db = dataSource.getConnection();
        try {
            db.setAutoCommit(false);
            return new WriterSession(db);
        } catch (SQLException e) {
            db.close();
            throw e;
        }
    }

    Connection db() {
        return db;
    }

    /** The statement for this SQL, prepared once per session; its parameters are cleared. */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = db.prepareStatement(sql);
            statements.put(sql, statement);
        } else {
            statement.clearParameters();
        }
        return statement;
    }

    /** As {@link #prepare(String)}, returning the generated {@code id} of inserted rows. */
    PreparedStatement prepareReturningId(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = db.prepareStatement(sql, new String[]{"id"});
            statements.put(sql, statement);
        } else {
            statement.clearParameters();
        }
        return statement;
    }

    void commit() throws SQLException {
        db.commit();
    }

    /** Undoes the current transaction; false when the connection is broken (it is then closed and replaced). */
    boolean rollback() {
        try {
            db.rollback();
            return true;
        } catch (SQLException broken) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // already broken
        }
    }
}
