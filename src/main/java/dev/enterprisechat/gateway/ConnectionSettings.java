package dev.enterprisechat.gateway;

import dev.enterprisechat.protocol.EnvelopeDecoder;
import dev.enterprisechat.protocol.EnvelopeEncoder;
import dev.enterprisechat.protocol.RateLimit;
import dev.enterprisechat.rooms.Connection;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The per-connection settings: request budget, inbound frame size and outbound bound. */
@ApplicationScoped
public class ConnectionSettings {

    /** Tyrus' own ceiling on one frame (its incoming buffer): the most chat.limits.frame-max-bytes may be. */
    static final int HARD_FRAME_LIMIT = 4 * 1024 * 1024;

    @Inject
    @ConfigProperty(name = "chat.rate-limit.per-second", defaultValue = "50")
    double requestsPerSecond;

    @Inject
    @ConfigProperty(name = "chat.rate-limit.burst", defaultValue = "100")
    int requestBurst;

    @Inject
    @ConfigProperty(name = "chat.rate-limit.max-refused", defaultValue = "1000")
    int maxRefused;

    @Inject
    @ConfigProperty(name = "chat.connection.max-pending-frames", defaultValue = "1000")
    int maxPendingFrames;

    @Inject
    @ConfigProperty(name = "chat.connection.max-pending-bytes", defaultValue = "2097152")
    long maxPendingBytes;

    @Inject
    @ConfigProperty(name = EnvelopeDecoder.MAX_FRAME_BYTES, defaultValue = "65536")
    int maxFrameBytes;

    @Inject
    @ConfigProperty(name = EnvelopeEncoder.ANSWER_MAX_BYTES, defaultValue = "1048576")
    long answerMaxBytes;

    /** Refuses settings that contradict each other at deployment, not at the first large answer. */
    @PostConstruct
    void check() {
        if (maxFrameBytes < 1024 || maxFrameBytes > HARD_FRAME_LIMIT) {
            throw new IllegalStateException(EnvelopeDecoder.MAX_FRAME_BYTES + " must be between 1024 and "
                    + HARD_FRAME_LIMIT + ", not " + maxFrameBytes);
        }
        if (maxPendingBytes < answerMaxBytes) {
            throw new IllegalStateException("chat.connection.max-pending-bytes (" + maxPendingBytes
                    + ") must be at least " + EnvelopeEncoder.ANSWER_MAX_BYTES + " (" + answerMaxBytes + ")");
        }
    }

    RateLimit newRateLimit() {
        return new RateLimit(requestsPerSecond, requestBurst, maxRefused);
    }

    Connection.Outbound outbound() {
        return new Connection.Outbound(maxPendingFrames, maxPendingBytes);
    }

    int maxFrameBytes() {
        return maxFrameBytes;
    }
}
