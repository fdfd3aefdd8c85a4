package dev.enterprisechat.bench;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The floor under a cluster-mode ack, without the chat server: PostgreSQL's own {@code NOTIFY} hop. One connection
 * commits a one-row insert, or a {@code pg_notify} with its commit in the same round trip (as the message writer
 * does), one at a time; another {@code LISTEN}s on its own thread (as the cluster's event stream does). Prints the
 * commit's round trip and, for the notification, the time until the listener has it, p50 and p90.
 * <pre>
 * NotifyHop JDBC_URL ROUNDS     e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres 2000
 * </pre>
 */
public final class NotifyHop {

    private static final String CHANNEL = "bench_notify_hop";

    private NotifyHop() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int rounds = Integer.parseInt(args[1]);
        BlockingQueue<Long> received = new LinkedBlockingQueue<>();
        try (Connection listener = DriverManager.getConnection(url);
             Connection writer = DriverManager.getConnection(url)) {
            try (Statement setup = listener.createStatement()) {
                setup.execute("LISTEN " + CHANNEL);
            }
            Thread listening = new Thread(() -> listen(listener, received), "listener");
            listening.setDaemon(true);
            listening.start();
            writer.setAutoCommit(false);
            try (Statement setup = writer.createStatement()) {
                // a logged table, so that the insert's commit waits for its WAL flush as a notifying one does
                setup.execute("CREATE TABLE IF NOT EXISTS " + CHANNEL + " (n int)");
            }
            writer.commit();
            long[][] insert = measure(writer, "INSERT INTO " + CHANNEL + " VALUES (?);\nCOMMIT", rounds, null);
            long[][] notify = measure(writer, "SELECT pg_notify('" + CHANNEL + "', ?::text);\nCOMMIT", rounds,
                    received);
            try (Statement cleanUp = writer.createStatement()) {
                cleanUp.execute("DROP TABLE " + CHANNEL);
            }
            writer.commit();
            System.out.printf("RESULT notify_hop insert_commit_p50_ms=%.3f notify_commit_p50_ms=%.3f "
                            + "notify_received_p50_ms=%.3f notify_received_p90_ms=%.3f rounds=%d%n",
                    ms(insert[0], 50), ms(notify[0], 50), ms(notify[1], 50), ms(notify[1], 90), rounds);
        }
    }

    /** Per round: the commit's round trip, and (with {@code received}) the time until the listener had it. */
    private static long[][] measure(Connection writer, String sql, int rounds, BlockingQueue<Long> received)
            throws SQLException, InterruptedException {
        long[] commit = new long[rounds];
        long[] arrival = new long[rounds];
        int warmUp = Math.min(500, rounds);
        try (PreparedStatement statement = writer.prepareStatement(sql)) {
            for (int i = -warmUp; i < rounds; i++) {
                long start = System.nanoTime();
                statement.setInt(1, i);
                statement.execute();
                long committed = System.nanoTime();
                Long at = received == null ? committed : received.poll(10, TimeUnit.SECONDS);
                if (at == null) {
                    throw new IllegalStateException("a notification did not arrive within 10 s");
                }
                if (i >= 0) {
                    commit[i] = committed - start;
                    arrival[i] = at - start;
                }
            }
        }
        return new long[][]{commit, arrival};
    }

    private static void listen(Connection listener, BlockingQueue<Long> received) {
        try {
            PGConnection postgres = listener.unwrap(PGConnection.class);
            while (true) {
                PGNotification[] batch = postgres.getNotifications(1000);
                long now = System.nanoTime();
                for (int i = 0; batch != null && i < batch.length; i++) {
                    received.add(now);
                }
            }
        } catch (SQLException closed) {
            // the run is over
        }
    }

    private static double ms(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }
}
