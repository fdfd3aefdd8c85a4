package dev.enterprisechat.messages.control;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A writer thread's own database connection, kept for as long as it works, with its prepared statements kept too:
 * the driver prepares a statement on the server once it has run a few times (PostgreSQL then plans it once, not
 * at every batch), and a batch spends no time on taking a connection from the pool, enlisting a container
 * transaction or preparing statements. Transactions are the connection's own (commit, rollback).
 * <p>
 * On PostgreSQL a batch's reads go to the server together, in one round trip ({@link #read(List)}), and its writes
 * as one statement that can carry the commit ({@link #prepareFinal(String)}): a round trip is most of what a small
 * batch costs.
 */
final class WriterSession implements AutoCloseable {

    /**
     * The writer's statements find a few rows each by their keys, and every one has an index for it: on PostgreSQL
     * its session plans them so, never with a sequential scan or a hash join. The planner would pick those for small
     * tables (a new deployment's conversations and memberships), where each batch then read every row version of the
     * table, the dead ones of the conversations' constant updates too, and built hash tables for a few rows: with
     * index plans PostgreSQL spent 15 % less CPU per message at 16 senders (2026-12-07, docs/benchmarks.md).
     */
    static final String KEY_PLANS = "SET enable_seqscan = off; SET enable_hashjoin = off";
    static final String DEFAULT_PLANS = "RESET enable_seqscan; RESET enable_hashjoin";

    private final Connection db;
    private final boolean postgres;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    /** Whether the transaction's last write is known to be the next {@link #prepareFinal} one (set per batch). */
    private boolean finalWriteCommits;
    /** Whether the final write's statement carries the commit (it then needs no round trip of its own). */
    private boolean commitSent;

    private WriterSession(Connection db, boolean postgres) {
        this.db = db;
        this.postgres = postgres;
    }

    static WriterSession open(DataSource dataSource) throws SQLException {
        Connection db = dataSource.getConnection();
        try {
            boolean postgres = "PostgreSQL".equals(db.getMetaData().getDatabaseProductName());
            if (postgres) {
                try (Statement statement = db.createStatement()) {
                    statement.execute(KEY_PLANS);
                }
            }
            db.setAutoCommit(false);
            return new WriterSession(db, postgres);
        } catch (SQLException e) {
            db.close();
            throw e;
        }
    }

    Connection db() {
        return db;
    }

    /** Whether the database is PostgreSQL (else H2, the embedded database for trying the server out). */
    boolean postgres() {
        return postgres;
    }

    /**
     * One query of a batch's reads: its SQL, its parameters (parameter {@code i} of the query is {@code offset + i}
     * of the statement it runs in) and what it makes of its rows.
     */
    interface Read {
        String sql();

        void bind(PreparedStatement statement, int offset) throws SQLException;

        void rows(ResultSet rows) throws SQLException;
    }

    /**
     * Runs the queries in order. On PostgreSQL they go as one statement, in one round trip; each still runs on its
     * own snapshot, after the one before it (so a query after a {@code FOR UPDATE} sees what committed before the
     * lock was granted). Elsewhere they run one by one.
     */
    void read(List<Read> reads) throws SQLException {
        if (!postgres) {
            for (Read read : reads) {
                PreparedStatement query = prepare(read.sql());
                read.bind(query, 0);
                try (ResultSet rows = query.executeQuery()) {
                    read.rows(rows);
                }
            }
            return;
        }
        PreparedStatement query = prepare(reads.stream().map(Read::sql).collect(Collectors.joining(";\n")));
        int offset = 0;
        for (Read read : reads) {
            read.bind(query, offset);
            offset += (int) read.sql().chars().filter(c -> c == '?').count();
        }
        boolean rows = query.execute();
        for (Read read : reads) {
            if (!rows) {
                throw new SQLException("a query of the batch's reads returned no rows");
            }
            try (ResultSet result = query.getResultSet()) {
                read.rows(result);
            }
            rows = query.getMoreResults();
        }
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

    /**
     * Says whether the transaction will write nothing after its {@link #prepareFinal} statement (so that, on
     * PostgreSQL, that statement can carry the commit); for the current transaction only.
     */
    void finalWriteCommits(boolean last) {
        finalWriteCommits = last && postgres;
        commitSent = false;
    }

    /**
     * As {@link #prepare(String)}, for the transaction's last write when {@link #finalWriteCommits} said so: the
     * statement then carries the commit, sent in the same round trip (run it with {@code execute}; its rows are the
     * first result). A failing write stops the commit there: the server skips what follows an error in a round
     * trip, and the transaction is then rolled back as any failed one.
     */
    PreparedStatement prepareFinal(String sql) throws SQLException {
        if (!finalWriteCommits) {
            return prepare(sql);
        }
        commitSent = true;
        return prepare(sql + ";\nCOMMIT");
    }

    /**
     * Whether the transaction's next statement may carry its commit (on PostgreSQL, unless a write carried it
     * already): for a last statement written by another component, the relay's.
     */
    boolean nextStatementMayCommit() {
        return postgres && !commitSent;
    }

    /** Commits, unless the final write carried the commit already. */
    void commit() throws SQLException {
        if (commitSent) {
            commitSent = false;
            return;
        }
        db.commit();
    }

    /** Undoes the current transaction; false when the connection is broken (it is then closed and replaced). */
    boolean rollback() {
        commitSent = false;
        try {
            db.rollback();
            return true;
        } catch (SQLException broken) {
            return false;
        }
    }

    /** Gives the connection back to the pool as it was taken (the planner's settings are the writer's alone). */
    @Override
    public void close() {
        try {
            if (postgres && !db.isClosed()) {
                db.rollback();
                db.setAutoCommit(true);
                try (Statement statement = db.createStatement()) {
                    statement.execute(DEFAULT_PLANS);
                }
            }
        } catch (SQLException ignored) {
            // broken: the pool drops it
        }
        try {
            db.close();
        } catch (SQLException ignored) {
            // already broken
        }
    }
}
