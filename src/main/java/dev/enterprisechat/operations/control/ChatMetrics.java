package dev.enterprisechat.operations.control;

import dev.enterprisechat.cluster.control.ClusterRelay;
import dev.enterprisechat.conversations.boundary.SyncAnswered;
import dev.enterprisechat.messages.control.MessagesPersisted;
import dev.enterprisechat.messages.control.SendAcknowledged;
import dev.enterprisechat.rooms.FannedOut;
import dev.enterprisechat.rooms.Rooms;
import dev.enterprisechat.rooms.SlowConsumerClosed;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;


/**
 * The server's own metrics, in the application registry: Payara serves them at {@code /metrics} in Prometheus
 * format as {@code chat_*{mp_scope="application"}} (counters with {@code _total}, the ack latency as a histogram
 * with the buckets set in {@code microprofile-config.properties}).
 */
@ApplicationScoped
public class ChatMetrics {

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    Rooms rooms;

    @Inject
    ClusterRelay cluster;

    private Counter persisted;
    private Counter fannedOut;
    private Counter slowConsumerCloses;
    private Counter syncRequests;
    private Timer ackLatency;

    /** Created at start, so that the metrics exist (at zero) before anything counts. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry.getNames();
    }

    @PostConstruct
    void register() {
        registry.gauge(Metadata.builder().withName("chat.connections.open")
                .withDescription("Open WebSocket connections, signed in or not").build(),
                rooms, r -> r.open().size());
        registry.gauge(Metadata.builder().withName("chat.users.signed.in")
                .withDescription("Distinct users with at least one signed-in connection on this instance").build(),
                rooms, Rooms::signedInUsers);
        registry.gauge(Metadata.builder().withName("chat.cluster.events.received")
                .withDescription("Cluster events this instance received (cluster mode; counts up)").build(),
                cluster, ClusterRelay::received);
        persisted = registry.counter(Metadata.builder().withName("chat.messages.persisted")
                .withDescription("Messages stored (retries of stored messages not counted)").build());
        fannedOut = registry.counter(Metadata.builder().withName("chat.events.fanned.out")
                .withDescription("Event frames queued to connections on this instance").build());
        slowConsumerCloses = registry.counter(Metadata.builder().withName("chat.slow.consumer.closes")
                .withDescription("Connections closed for falling behind (4408)").build());
        syncRequests = registry.counter(Metadata.builder().withName("chat.sync.requests")
                .withDescription("sync requests answered").build());
        ackLatency = registry.timer(Metadata.builder().withName("chat.ack.latency")
                .withDescription("From a send_message reaching the server to its answer being ready (stored and "
                        + "announced)").withUnit(MetricUnits.SECONDS).build());
    }

    void persisted(@Observes MessagesPersisted event) {
        persisted.inc(event.count());
    }

    void fannedOut(@Observes FannedOut event) {
        fannedOut.inc(event.frames());
    }

    void slowConsumerClosed(@Observes SlowConsumerClosed event) {
        slowConsumerCloses.inc();
    }

    void syncAnswered(@Observes SyncAnswered event) {
        syncRequests.inc();
    }

    void acknowledged(@Observes SendAcknowledged event) {
        ackLatency.update(event.latency());
    }
}
