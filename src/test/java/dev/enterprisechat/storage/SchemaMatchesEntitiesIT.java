package dev.enterprisechat.storage;

import dev.enterprisechat.testsupport.StandaloneJpa;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entities and the Flyway schema agree: Hibernate validates every entity against a freshly migrated database,
 * on PostgreSQL and on the embedded H2 (PostgreSQL mode) of the quick start. The server itself never generates or
 * validates the schema at run time.
 */
class SchemaMatchesEntitiesIT {

    @Test
    void entitiesMatchTheSchemaMigratedOnPostgresql() {
        assertValid(StandaloneJpa.testDatabase());
    }

    @Test
    void entitiesMatchTheSchemaMigratedOnTheEmbeddedDatabase() {
        assertValid(EmbeddedDatabases.named("schema-check"));
    }

    private static void assertValid(DataSource dataSource) {
        // building the factory runs the validation; a mismatch throws SchemaManagementException
        try (SessionFactory factory = StandaloneJpa.start(dataSource, Map.of("hibernate.hbm2ddl.auto", "validate"))) {
            assertThat(factory.getMetamodel().getEntities()).hasSize(StandaloneJpa.entities().size())
                    .hasSizeGreaterThanOrEqualTo(5);
        }
    }
}
