package dev.enterprisechat.cluster.control;

import dev.enterprisechat.storage.SchemaMigration;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The instances that share the database (cluster mode): each registers in {@code chat_instances} and moves its
 * {@code expires_at} forward every heartbeat; every instance reaps the ones whose heartbeat stopped — their users go
 * offline unless connected elsewhere — so an instance that dies takes at most {@code instance-timeout} plus one
 * heartbeat to be noticed. A graceful stop leaves its users the presence grace to reconnect elsewhere.
 */
@ApplicationScoped
public class Instances {

    private static final Logger LOG = System.getLogger(Instances.class.getName());
    private static final Duration KEEP_EVENT_BODIES = Duration.ofMinutes(5);

    @Inject
    ClusterSettings settings;

    @Inject
    SchemaMigration migration;

    @Inject
    Event<InstanceEvents.Gone> gone;

    @Inject
    Event<InstanceEvents.RegisteredAgain> registeredAgain;

    @Resource(lookup = SchemaMigration.DATASOURCE)
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "chat.presence.grace", defaultValue = "5s")
    Duration grace;

    private ScheduledExecutorService heartbeat;
    private volatile boolean registered;
    /** Only the heartbeat thread reads and writes it: whether this instance has been registered before. */
    private boolean everRegistered;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!settings.enabled()) {
            return;
        }
        migration.isDone();
        heartbeat = Executors.newSingleThreadScheduledExecutor(threads);
        heartbeat.execute(this::beat);
        heartbeat.scheduleWithFixedDelay(this::beat, settings.heartbeat().toMillis(), settings.heartbeat().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        if (heartbeat == null) {
            return;
        }
        heartbeat.shutdownNow();
        try {
            expireIn(grace);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Could not announce this instance's departure; it is reaped after its timeout: {0}",
                    e.getMessage());
        }
    }

    /** Whether this instance's heartbeat is current (readiness). */
    public boolean isRegistered() {
        return !settings.enabled() || registered;
    }

    private void beat() {
        try {
            if (!expireIn(settings.instanceTimeout())) {
                register();
                if (everRegistered) {
                    LOG.log(Level.WARNING, "This instance was taken for dead (no heartbeat for {0}); registered "
                            + "again and re-announcing its users", settings.instanceTimeout());
                    registeredAgain.fire(new InstanceEvents.RegisteredAgain(settings.instanceId()));
                }
            }
            everRegistered = true;
            registered = true;
            reap();
            deleteOldEventBodies();
        } catch (SQLException | RuntimeException e) {
            registered = false;
            LOG.log(Level.WARNING, "Cluster heartbeat failed: {0}", e.getMessage());
        }
    }

    /** Moves this instance's expiry to now + {@code ttl}; false when its row is gone (taken for dead, or new). */
    private boolean expireIn(Duration ttl) throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement renew = db.prepareStatement(ClusterSql.RENEW_INSTANCE)) {
            renew.setLong(1, ttl.toMillis());
            renew.setString(2, settings.instanceId());
            return renew.executeUpdate() == 1;
        }
    }

    private void register() throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement insert = db.prepareStatement(ClusterSql.REGISTER_INSTANCE)) {
            insert.setString(1, settings.instanceId());
            insert.setLong(2, settings.instanceTimeout().toMillis());
            insert.executeUpdate();
        }
    }

    /** Dead instances (expired, or gone from the table while their presence rows remain) lose their users. */
    private void reap() throws SQLException {
        Set<String> dead = new LinkedHashSet<>();
        try (Connection db = dataSource.getConnection()) {
            try (PreparedStatement expired = db.prepareStatement(ClusterSql.EXPIRED_INSTANCES);
                 ResultSet rows = expired.executeQuery()) {
                while (rows.next()) {
                    dead.add(rows.getString(1));
                }
            }
            try (PreparedStatement orphans = db.prepareStatement(ClusterSql.ORPHANED_INSTANCES);
                 ResultSet rows = orphans.executeQuery()) {
                while (rows.next()) {
                    dead.add(rows.getString(1));
                }
            }
        }
        for (String instance : dead) {
            LOG.log(Level.INFO, "Instance {0} is gone; its users go offline unless connected elsewhere", instance);
            gone.fire(new InstanceEvents.Gone(instance));
        }
    }

    private void deleteOldEventBodies() throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement delete = db.prepareStatement(ClusterSql.DELETE_OLD_BODIES)) {
            delete.setLong(1, KEEP_EVENT_BODIES.toMillis());
            delete.executeUpdate();
        }
    }
}
