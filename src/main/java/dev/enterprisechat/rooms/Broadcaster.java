package dev.enterprisechat.rooms;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.sql.SQLException;

/**
 * The one seam between "changed" and "sent": every event of every component passes here, either as a
 * {@link Broadcast} CDI event fired in the change's transaction, or staged by a message writer in its own. The
 * seam hands it to the deployment's {@link Relay}, chosen once at start: another component's relay when one is
 * active (the cluster's), else the {@link LocalRelay}.
 */
@ApplicationScoped
public class Broadcaster {

    @Inject
    @Any
    Instance<Relay> relays;

    @Inject
    LocalRelay local;

    private Relay relay;

    @PostConstruct
    void choose() {
        relay = relays.stream().filter(r -> !(r instanceof LocalRelay) && r.active()).findFirst().orElse(local);
    }

    void beforeCommit(@Observes(during = TransactionPhase.BEFORE_COMPLETION) Broadcast broadcast) {
        relay.beforeCommit(broadcast);
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Broadcast broadcast) {
        relay.afterCommit(broadcast);
    }

    /** For writers that commit their own JDBC transaction: see {@link Relay#stage}. */
    public Relay.Staged stage(java.sql.Connection db, Relay.Announcements announcements, boolean commit)
            throws SQLException {
        return relay.stage(db, announcements, commit);
    }

    /** See {@link Relay#stagesInTransaction()}. */
    public boolean stagesInTransaction() {
        return relay.stagesInTransaction();
    }

    /** Whether this instance receives every event now (handshakes are refused until it does). */
    public boolean receiving() {
        return relay.receiving();
    }
}
