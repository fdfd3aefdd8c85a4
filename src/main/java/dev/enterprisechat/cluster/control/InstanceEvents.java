package dev.enterprisechat.cluster.control;

/** CDI events of the cluster's membership, for what keeps per-instance state in the database (presence). */
public final class InstanceEvents {

    private InstanceEvents() {
    }

    /** Another instance stopped renewing its registration (or vanished): what it held must be let go. */
    public record Gone(String instanceId) {
    }

    /** This instance had been taken for dead (a long pause, a database outage) and registered again. */
    public record RegisteredAgain(String instanceId) {
    }
}
