package dev.enterprisechat.protocol;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/** Recognises faults that mean "the database is out of reach" among whatever the containers wrapped them in. */
public final class Faults {

    /** Pool and ORM wrappers of a lost database, by name: their classes live in the server, not on our path. */
    private static final Set<String> CONNECTION_FAULTS = Set.of(
            "org.hibernate.exception.JDBCConnectionException",
            "jakarta.resource.spi.ResourceAllocationException",
            "com.sun.appserv.connectors.internal.api.PoolingException");

    private Faults() {
    }

    public static boolean databaseUnavailable(Throwable fault) {
        int depth = 0;
        for (Throwable t = fault; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException || t instanceof SocketException
                    || CONNECTION_FAULTS.contains(t.getClass().getName())) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
