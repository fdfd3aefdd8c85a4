package dev.enterprisechat.cluster.control;

import dev.enterprisechat.storage.ConfiguredDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How this instance takes part in a cluster: {@code chat.cluster=none} (one instance; events go straight to this
 * instance's connections) or {@code postgres} (several instances share the database and exchange events through
 * PostgreSQL {@code LISTEN/NOTIFY}).
 */
@ApplicationScoped
public class ClusterSettings {

    @Inject
    @ConfigProperty(name = "chat.cluster", defaultValue = "none")
    String mode;

    @Inject
    @ConfigProperty(name = "chat.cluster.instance-name")
    Optional<String> configuredName;

    @Inject
    @ConfigProperty(name = "chat.cluster.heartbeat", defaultValue = "5s")
    Duration heartbeat;

    @Inject
    @ConfigProperty(name = "chat.cluster.instance-timeout", defaultValue = "15s")
    Duration instanceTimeout;

    private boolean enabled;
    private String instanceId;

    @PostConstruct
    void check() {
        String chosen = mode.trim().toLowerCase(Locale.ROOT);
        if (!chosen.equals("none") && !chosen.equals("postgres")) {
            throw new IllegalStateException("chat.cluster (CHAT_CLUSTER) must be none or postgres, not " + mode);
        }
        enabled = chosen.equals("postgres");
        if (enabled && !ConfiguredDataSource.isPostgresql()) {
            throw new IllegalStateException("chat.cluster=postgres needs a PostgreSQL database (DB_URL)");
        }
        if (heartbeat.isZero() || heartbeat.isNegative() || instanceTimeout.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalStateException("chat.cluster.instance-timeout (" + instanceTimeout + ") must be at least "
                    + "twice chat.cluster.heartbeat (" + heartbeat + ")");
        }
        String name = configuredName.map(String::trim).filter(n -> !n.isEmpty())
                .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()))
                .orElse("chat");
        instanceId = generatedId(name);
    }

    /** The name plus a random part: a restarted instance is a new one, never the heir of its previous life's rows. */
    static String generatedId(String name) {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        String suffix = "-" + HexFormat.of().formatHex(random);
        return (name.length() > 90 ? name.substring(0, 90) : name) + suffix;
    }

    /** A single instance's settings, for code used outside the container (tests, tools). */
    public static ClusterSettings none() {
        ClusterSettings settings = new ClusterSettings();
        settings.mode = "none";
        settings.instanceId = generatedId("chat");
        return settings;
    }

    /** Whether events travel through the database to every instance. */
    public boolean enabled() {
        return enabled;
    }

    /** This instance's name in {@code chat_instances} and in its notifications; unique per process start. */
    public String instanceId() {
        return instanceId;
    }

    public Duration heartbeat() {
        return heartbeat;
    }

    /** How long after its last heartbeat an instance counts as dead. */
    public Duration instanceTimeout() {
        return instanceTimeout;
    }
}
