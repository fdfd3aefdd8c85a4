package dev.enterprisechat.storage;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Brings the schema up to date when the application starts, before it serves any connection.
 */
@Startup
@Singleton
@DataSourceDefinition(
        name = SchemaMigration.DATASOURCE,
        className = "dev.enterprisechat.storage.ConfiguredDataSource",
        minPoolSize = 2,
        maxPoolSize = 32,
        maxIdleTime = 300,
        properties = {
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=auto-commit",
                "fish.payara.validate-atmost-once-period-in-seconds=10",
                "fish.payara.fail-all-connections=true",
                "fish.payara.connection-creation-retry-attempts=0",
                "fish.payara.max-wait-time-in-millis=5000"
        })
public class SchemaMigration {

    public static final String DATASOURCE = "java:app/jdbc/chat";
    private static final Logger LOG = System.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    private volatile boolean done;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void migrate() {
        MigrateResult result = configure(Flyway.configure(SchemaMigration.class.getClassLoader()))
                .dataSource(dataSource)
                .load()
                .migrate();
        done = true;
        LOG.log(Level.INFO, "Database schema at version {0} ({1} migrations applied now)",
                result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                result.migrationsExecuted);
    }

    /**
     * Where the migrations are: the SQL files, and the Java ones (what PostgreSQL and H2 write or name differently:
     * the message indexes, the messages' foreign keys).
     */
    public static FluentConfiguration configure(FluentConfiguration flyway) {
        return flyway.locations("classpath:db/migration")
                .javaMigrations(new MessageIndexes(), new MessageForeignKeys());
    }

    /** Whether the schema is migrated (readiness). */
    public boolean isDone() {
        return done;
    }
}
