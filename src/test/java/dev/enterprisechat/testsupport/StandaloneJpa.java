package dev.enterprisechat.testsupport;

import jakarta.persistence.Entity;
import dev.enterprisechat.storage.SchemaMigration;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Hibernate without a server, on the application's own entities and Flyway schema: for tests of the mapping and
 * of the queries themselves (statement counts), which need no WebSocket.
 */
public final class StandaloneJpa {

    private StandaloneJpa() {
    }

    /** The integration-test PostgreSQL database. */
    public static DataSource testDatabase() {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(System.getProperty("test.db.url"));
        postgres.setUser(System.getProperty("test.db.user"));
        postgres.setPassword(System.getProperty("test.db.password", ""));
        return postgres;
    }

    /** Migrates the database, then builds a session factory over every entity with these extra settings. */
    public static SessionFactory start(DataSource dataSource, Map<String, Object> settings) {
        SchemaMigration.configure(Flyway.configure()).dataSource(dataSource).load().migrate();
        StandardServiceRegistryBuilder builder = new StandardServiceRegistryBuilder()
                .applySetting("hibernate.connection.datasource", dataSource)
                .applySetting("hibernate.jdbc.time_zone", "UTC");
        settings.forEach(builder::applySetting);
        StandardServiceRegistry registry = builder.build();
        MetadataSources sources = new MetadataSources(registry);
        entities().forEach(sources::addAnnotatedClass);
        try {
            return sources.buildMetadata().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    /** Every class of the application annotated {@code @Entity}, so a new entity cannot escape the checks. */
    public static List<Class<?>> entities() {
        Path classes = Path.of("target", "classes");
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$"))
                    .map(f -> classes.relativize(f).toString().replace('/', '.').replace(".class", ""))
                    .map(StandaloneJpa::load)
                    .filter(type -> type.isAnnotationPresent(Entity.class))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, StandaloneJpa.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
