package dev.enterprisechat.gateway;

import dev.enterprisechat.protocol.BadFrame;
import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.protocol.CloseCodes;
import dev.enterprisechat.protocol.EnvelopeDecoder;
import dev.enterprisechat.protocol.Faults;
import dev.enterprisechat.rooms.Connection;
import dev.enterprisechat.rooms.Rooms;
import dev.enterprisechat.rooms.SlowConsumerClosed;
import dev.enterprisechat.security.Identity;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.glassfish.tyrus.core.WebSocketException;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * The one WebSocket endpoint of the chat. One instance per connection. Text arrives fragment by fragment (a partial
 * handler), so that the frame limit bounds an unfinished message too; whole messages are decoded here.
 */
@ServerEndpoint(value = "/api/websocket", subprotocols = TokenHandshake.SUBPROTOCOL,
        configurator = TokenHandshake.class)
public class ChatEndpoint {

    private static final Logger LOG = System.getLogger(ChatEndpoint.class.getName());

    @Inject
    Dispatcher dispatcher;

    @Inject
    SignIn signIn;

    @Inject
    ConnectionSettings settings;

    @Inject
    Rooms rooms;

    @Inject
    Event<SlowConsumerClosed> slowConsumers;

    private Connection connection;
    private InboundText inbound;
    private EnvelopeDecoder decoder;

    @OnOpen
    public void open(Session session) {
        IdleTimerExecutor.apply(session);
        String address = (String) session.getUserProperties().remove(TokenHandshake.ADDRESS);
        connection = new Connection(session, address == null ? "unknown" : address, settings.newRateLimit(),
                settings.outbound(), this::abandoned);
        inbound = new InboundText(settings.maxFrameBytes());
        decoder = new EnvelopeDecoder(settings.maxFrameBytes());
        rooms.opened(connection);
        Identity identity = (Identity) session.getUserProperties().remove(TokenHandshake.IDENTITY);
        if (identity == null) {
            signIn.awaitToken(connection);
            return;
        }
        try {
            signIn.signIn(connection, identity);
        } catch (ChatException refused) {
            // another handshake of the same user took the last connection of the quota meanwhile
            connection.close(CloseCodes.TOO_MANY_REQUESTS, refused.getMessage());
        } catch (RuntimeException fault) {
            failedSignIn(fault);
        }
    }

    @OnMessage
    public void text(String part, boolean last) {
        try {
            String text = inbound.add(part, last);
            if (text != null) {
                dispatcher.dispatch(connection, decoder.decode(text));
            }
        } catch (BadFrame bad) {
            dispatcher.refuse(connection, bad);
        }
    }

    @OnMessage
    public void pong(PongMessage pong) {
        connection.ponged();
    }

    /** The protocol is text only; a binary message is answered once, at its last fragment, and never buffered. */
    @OnMessage
    public void binary(ByteBuffer part, boolean last) {
        if (last) {
            dispatcher.refuseBinary(connection);
        }
    }

    /** A client that breaks the WebSocket protocol or goes away is its own fault: one line at DEBUG, not a trace. */
    @OnError
    public void error(Session session, Throwable error) {
        if (error instanceof IOException || error instanceof WebSocketException) {
            LOG.log(Level.DEBUG, "Connection {0} failed on the client''s side: {1}", session.getId(), error.toString());
        } else {
            LOG.log(Level.ERROR, "Fault on connection " + session.getId(), error);
        }
    }

    @OnClose
    public void close() {
        if (connection != null) {
            signIn.signOut(connection);
        }
    }

    private void abandoned(Connection abandoned, int code) {
        if (code == CloseCodes.SLOW_CONSUMER) {
            slowConsumers.fire(new SlowConsumerClosed(abandoned.id()));
        }
        signIn.signOut(abandoned);
    }

    /** A connection that cannot be signed in is not left open without a user and without a deadline. */
    private void failedSignIn(RuntimeException fault) {
        if (Faults.databaseUnavailable(fault)) {
            LOG.log(Level.WARNING, "Sign-in failed: the database is unavailable");
            connection.close(CloseCodes.TRY_AGAIN_LATER, "the database is unavailable, try again later");
        } else {
            String reference = UUID.randomUUID().toString();
            LOG.log(Level.ERROR, "Sign-in failed; reference " + reference, fault);
            connection.close(CloseCodes.SERVER_ERROR, "internal error, reference " + reference);
        }
    }
}
