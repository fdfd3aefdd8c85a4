package dev.enterprisechat.gateway;

import dev.enterprisechat.protocol.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The per-connection settings: request budget and outbound bound. */
@ApplicationScoped
public class ConnectionSettings {

    @Inject
    @ConfigProperty(name = "chat.rate-limit.per-second", defaultValue = "50")
    double requestsPerSecond;

    @Inject
    @ConfigProperty(name = "chat.rate-limit.burst", defaultValue = "100")
    int requestBurst;

    @Inject
    @ConfigProperty(name = "chat.connection.max-pending-frames", defaultValue = "1000")
    int maxPendingFrames;

    RateLimit newRateLimit() {
        return new RateLimit(requestsPerSecond, requestBurst);
    }

    int maxPendingFrames() {
        return maxPendingFrames;
    }
}
