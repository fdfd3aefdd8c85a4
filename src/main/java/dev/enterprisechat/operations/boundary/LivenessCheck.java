package dev.enterprisechat.operations.boundary;

import dev.enterprisechat.messages.control.MessageWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code /health/live}: whether the process can still do its job without a restart — its message writers run.
 * A database outage is not a liveness failure (restarting would not fix it); readiness reports it.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    public static final String NAME = "chat-live";

    @Inject
    MessageWriter writer;

    @Override
    public HealthCheckResponse call() {
        int running = writer.runningWriters();
        return HealthCheckResponse.named(NAME).status(running == writer.writerCount())
                .withData("writers", running).build();
    }
}
