package dev.enterprisechat.protocol;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;

/** {@code ping {}} → {@code {serverTime}}; served before sign-in too. */
@ApplicationScoped
public class PingHandler implements Handler {

    @Override
    public String type() {
        return "ping";
    }

    @Override
    public boolean requiresIdentity() {
        return false;
    }

    @Override
    public Object handle(Request request) {
        return Map.of("serverTime", Instant.now());
    }
}
