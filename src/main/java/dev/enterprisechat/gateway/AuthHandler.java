package dev.enterprisechat.gateway;

import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.protocol.ErrorCode;
import dev.enterprisechat.protocol.Fields;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import dev.enterprisechat.rooms.Connection;
import dev.enterprisechat.rooms.Rooms;
import dev.enterprisechat.security.Identity;
import dev.enterprisechat.security.InvalidToken;
import dev.enterprisechat.security.KeysUnavailable;
import dev.enterprisechat.security.TokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.time.Instant;

/**
 * {@code auth {token}} → {@code {userId, expiresAt}}: signs an anonymous connection in, or refreshes the token of a
 * signed-in one (same user only).
 */
@ApplicationScoped
public class AuthHandler implements Handler {

    private static final Logger LOG = System.getLogger(AuthHandler.class.getName());

    @Inject
    TokenVerifier verifier;

    @Inject
    SignIn signIn;

    @Inject
    Rooms rooms;

    @Override
    public String type() {
        return "auth";
    }

    @Override
    public boolean requiresIdentity() {
        return false;
    }

    @Override
    public Object handle(Request request) {
        Identity identity = verify(Fields.requiredString(request.payload(), "token"));
        Connection connection = rooms.connection(request.caller().connectionId());
        if (connection.identity() == null) {
            signIn.signIn(connection, identity);
        } else {
            signIn.refresh(connection, identity);
        }
        return new Authenticated(identity.userId(), identity.expiresAt());
    }

    private Identity verify(String token) {
        try {
            return verifier.verify(token);
        } catch (InvalidToken invalid) {
            throw ChatException.unauthorized(invalid.getMessage());
        } catch (KeysUnavailable unavailable) {
            LOG.log(Level.WARNING, "Token keys unavailable: {0}", unavailable.getCause().getMessage());
            throw new ChatException(ErrorCode.INTERNAL, "token keys are unavailable, try again later");
        }
    }

    /** The ack of {@code auth}. */
    public record Authenticated(String userId, Instant expiresAt) {
    }
}
