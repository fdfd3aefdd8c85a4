package dev.enterprisechat.storage;

import jakarta.persistence.Entity;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entities and the Flyway schema agree: Hibernate validates every entity against a freshly migrated database,
 * on PostgreSQL and on the embedded H2 (PostgreSQL mode) of the quick start. The server itself never generates or
 * validates the schema at run time.
 */
class SchemaMatchesEntitiesIT {

    @Test
    void entitiesMatchTheSchemaMigratedOnPostgresql() {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(System.getProperty("test.db.url"));
        postgres.setUser(System.getProperty("test.db.user"));
        postgres.setPassword(System.getProperty("test.db.password", ""));
        assertValid(postgres);
    }

    @Test
    void entitiesMatchTheSchemaMigratedOnTheEmbeddedDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:schema-check" + ConfiguredDataSource.EMBEDDED_OPTIONS + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        assertValid(h2);
    }

    private static void assertValid(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting("hibernate.connection.datasource", dataSource)
                .applySetting("hibernate.hbm2ddl.auto", "validate")
                .applySetting("hibernate.jdbc.time_zone", "UTC")
                .build();
        MetadataSources sources = new MetadataSources(registry);
        List<Class<?>> entities = entities();
        assertThat(entities).hasSizeGreaterThanOrEqualTo(5);
        entities.forEach(sources::addAnnotatedClass);
        // building the factory runs the validation; a mismatch throws SchemaManagementException
        try (SessionFactory factory = sources.buildMetadata().buildSessionFactory()) {
            assertThat(factory.getMetamodel().getEntities()).hasSize(entities.size());
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    /** Every class of the application annotated {@code @Entity}, so a new entity cannot escape the check. */
    private static List<Class<?>> entities() {
        Path classes = Path.of("target", "classes");
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$"))
                    .map(f -> classes.relativize(f).toString().replace('/', '.').replace(".class", ""))
                    .map(SchemaMatchesEntitiesIT::load)
                    .filter(type -> type.isAnnotationPresent(Entity.class))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, SchemaMatchesEntitiesIT.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
