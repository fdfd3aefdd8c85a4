package dev.enterprisechat.storage;

import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;

/** In-memory H2 databases with the options of the quick start's embedded database, for tests. */
public final class EmbeddedDatabases {

    private EmbeddedDatabases() {
    }

    /** An in-memory database of this name, kept until the test's JVM exits. */
    public static DataSource named(String name) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + name + ConfiguredDataSource.EMBEDDED_OPTIONS + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }
}
