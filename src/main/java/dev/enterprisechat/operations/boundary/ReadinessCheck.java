package dev.enterprisechat.operations.boundary;

import dev.enterprisechat.cluster.control.ClusterSettings;
import dev.enterprisechat.cluster.control.EventLog;
import dev.enterprisechat.cluster.control.Instances;
import dev.enterprisechat.gateway.Shutdown;
import dev.enterprisechat.storage.SchemaMigration;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code /health/ready}: whether a load balancer should send this instance new connections — the schema is migrated,
 * the database answers, the instance receives the cluster's events (cluster mode) and it is not shutting down.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    public static final String NAME = "chat-ready";

    @Inject
    SchemaMigration migration;

    @Inject
    ClusterSettings cluster;

    @Inject
    EventLog eventLog;

    @Inject
    Instances instances;

    @Inject
    Shutdown shutdown;

    @Resource(lookup = SchemaMigration.DATASOURCE)
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        boolean migrated = migration.isDone();
        boolean database = databaseAnswers();
        boolean events = eventLog.isListening() && instances.isRegistered();
        boolean draining = shutdown.isDraining();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(migrated && database && events && !draining)
                .withData("schemaMigrated", migrated)
                .withData("databaseReachable", database)
                .withData("draining", draining);
        if (cluster.enabled()) {
            response.withData("instance", cluster.instanceId()).withData("clusterEvents", events);
        }
        return response.build();
    }

    private boolean databaseAnswers() {
        try (Connection db = dataSource.getConnection()) {
            return db.isValid(2);
        } catch (SQLException unreachable) {
            return false;
        }
    }
}
