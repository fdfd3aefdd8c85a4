package dev.enterprisechat.operations.boundary;

import dev.enterprisechat.cluster.control.ClusterSettings;
import dev.enterprisechat.cluster.control.Instances;
import dev.enterprisechat.gateway.Shutdown;
import dev.enterprisechat.messages.control.MessageWriter;
import dev.enterprisechat.operations.control.HeapAfterGc;
import dev.enterprisechat.rooms.Broadcaster;
import dev.enterprisechat.storage.SchemaMigration;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * {@code /health/ready}: whether a load balancer should send this instance new connections — the schema is migrated,
 * the database answers, the instance receives the cluster's events (cluster mode), it is not shutting down, its heap
 * is not full of live data after garbage collection ({@code chat.health.heap-after-gc-max}, a fraction of the
 * maximum heap) and no message writer has been stuck in one batch for longer than {@code chat.health.writer-stall}.
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
    Broadcaster broadcaster;

    @Inject
    Instances instances;

    @Inject
    Shutdown shutdown;

    @Inject
    MessageWriter writer;

    @Inject
    @ConfigProperty(name = "chat.health.heap-after-gc-max", defaultValue = "0.9")
    double heapAfterGcMax;

    @Inject
    @ConfigProperty(name = "chat.health.writer-stall", defaultValue = "30s")
    Duration writerStall;

    @Resource(lookup = SchemaMigration.DATASOURCE)
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        boolean migrated = migration.isDone();
        boolean database = databaseAnswers();
        boolean events = broadcaster.receiving() && instances.isRegistered();
        boolean draining = shutdown.isDraining();
        double heap = HeapAfterGc.fraction();
        boolean memory = heap <= heapAfterGcMax;
        Duration longestBatch = writer.longestBatch();
        boolean writing = longestBatch.compareTo(writerStall) <= 0;
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(migrated && database && events && !draining && memory && writing)
                .withData("schemaMigrated", migrated)
                .withData("databaseReachable", database)
                .withData("draining", draining)
                .withData("heapAfterGc", Math.round(heap * 1000) / 1000d + "")
                .withData("heapOk", memory)
                .withData("writersStalled", !writing);
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
