package dev.enterprisechat.storage;

import org.eclipse.microprofile.config.ConfigProvider;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;

/**
 * The database the server uses, chosen by configuration when the pool starts: PostgreSQL when {@code db.url}
 * ({@code DB_URL}) is set, else an embedded H2 database in a file under the working directory, announced loudly.
 * The application server pools the connections this class opens.
 */
public class ConfiguredDataSource implements DataSource {

    private static final Logger LOG = System.getLogger(ConfiguredDataSource.class.getName());
    static final String EMBEDDED_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private final DataSource target;

    public ConfiguredDataSource() {
        this.target = create();
    }

    static DataSource create() {
        Optional<String> url = setting("db.url");
        if (url.isEmpty()) {
            return embedded();
        }
        String jdbcUrl = url.get();
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource postgres = postgres(jdbcUrl, "chat-server");
            // a database that stops answering must fail requests (UNAVAILABLE), not hang writers forever
            postgres.setSocketTimeout(60);
            return postgres;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(jdbcUrl);
            setting("db.user").ifPresent(h2::setUser);
            setting("db.password").ifPresent(h2::setPassword);
            return h2;
        }
        throw new IllegalStateException("DB_URL must be a jdbc:postgresql: (or jdbc:h2:) URL");
    }

    /** Whether the configured database is PostgreSQL (what the cluster mode needs). */
    public static boolean isPostgresql() {
        return setting("db.url").filter(url -> url.startsWith("jdbc:postgresql:")).isPresent();
    }

    /**
     * A connection outside the pool, for a session that lives as long as the server: the cluster's
     * {@code LISTEN}. No socket timeout (it waits for notifications); TCP keep-alive finds a dead peer.
     */
    public static Connection openDedicated(String applicationName) throws SQLException {
        if (!isPostgresql()) {
            throw new IllegalStateException("a dedicated connection needs PostgreSQL (DB_URL=jdbc:postgresql:...)");
        }
        PGSimpleDataSource postgres = postgres(setting("db.url").orElseThrow(), applicationName);
        postgres.setTcpKeepAlive(true);
        return postgres.getConnection();
    }

    /** PostgreSQL with the configured credentials, named in {@code pg_stat_activity}, 10 s to connect. */
    private static PGSimpleDataSource postgres(String url, String applicationName) {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(url);
        setting("db.user").ifPresent(postgres::setUser);
        setting("db.password").ifPresent(postgres::setPassword);
        postgres.setApplicationName(applicationName);
        postgres.setConnectTimeout(10);
        return postgres;
    }

    private static DataSource embedded() {
        Path file = Path.of(setting("db.embedded.path").orElse("chat-data/chat")).toAbsolutePath();
        LOG.log(Level.WARNING, """

                ********************************************************************************
                  NO DATABASE CONFIGURED (DB_URL is not set): using an embedded H2 database in
                  {0}.mv.db
                  This is for trying the server out. Production and the tests use PostgreSQL:
                  set DB_URL, DB_USER and DB_PASSWORD.
                ********************************************************************************""", file);
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + file + EMBEDDED_OPTIONS);
        h2.setUser("sa");
        h2.setPassword("");
        return h2;
    }

    /** MicroProfile Config when it is there (so env DB_URL and -Ddb.url both work), else the environment. */
    private static Optional<String> setting(String name) {
        Optional<String> value;
        try {
            value = ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader())
                    .getOptionalValue(name, String.class);
        } catch (RuntimeException | LinkageError noConfig) {
            value = Optional.ofNullable(System.getenv(name.toUpperCase().replace('.', '_')));
        }
        return value.map(String::trim).filter(v -> !v.isEmpty());
    }

    @Override
    public Connection getConnection() throws SQLException {
        return target.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return target.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || target.isWrapperFor(type);
    }
}
