package dev.enterprisechat.cluster.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ClusterSettingsTest {

    private static ClusterSettings settings(String mode, Duration heartbeat, Duration timeout) {
        ClusterSettings settings = new ClusterSettings();
        settings.mode = mode;
        settings.configuredName = Optional.of("node");
        settings.heartbeat = heartbeat;
        settings.instanceTimeout = timeout;
        return settings;
    }

    @Test
    void aSingleInstanceIsTheDefault() {
        ClusterSettings settings = settings("none", Duration.ofSeconds(5), Duration.ofSeconds(15));
        settings.check();

        assertThat(settings.enabled()).isFalse();
        assertThat(settings.instanceId()).matches("node-[0-9a-f]{8}");
    }

    @Test
    void refusesAnUnknownMode() {
        assertThatThrownBy(() -> settings("hazelcast", Duration.ofSeconds(5), Duration.ofSeconds(15)).check())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("chat.cluster (CHAT_CLUSTER) must be none or postgres, not hazelcast");
    }

    @Test
    void refusesATimeoutShorterThanTwoHeartbeats() {
        assertThatThrownBy(() -> settings("none", Duration.ofSeconds(5), Duration.ofSeconds(9)).check())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("chat.cluster.instance-timeout (PT9S) must be at least twice chat.cluster.heartbeat (PT5S)");
    }

    @Test
    void refusesTheClusterModeWithoutPostgresql() {
        // without DB_URL: the embedded database, which cannot carry the cluster's events
        assumeTrue(System.getenv("DB_URL") == null && System.getProperty("db.url") == null);
        assertThatThrownBy(() -> settings("postgres", Duration.ofSeconds(5), Duration.ofSeconds(15)).check())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("chat.cluster=postgres needs a PostgreSQL database (DB_URL)");
    }

    @Test
    void everyStartIsANewInstance() {
        assertThat(ClusterSettings.generatedId("node")).isNotEqualTo(ClusterSettings.generatedId("node"));
        assertThat(ClusterSettings.generatedId("n".repeat(200))).hasSize(99);
    }
}
