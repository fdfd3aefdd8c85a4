package dev.enterprisechat.gateway;

import dev.enterprisechat.operations.control.ChatMetrics;
import dev.enterprisechat.protocol.BadFrame;
import dev.enterprisechat.protocol.CloseCodes;
import dev.enterprisechat.protocol.Dispatcher;
import dev.enterprisechat.protocol.Envelope;
import dev.enterprisechat.protocol.EnvelopeDecoder;
import dev.enterprisechat.protocol.EnvelopeEncoder;
import dev.enterprisechat.rooms.Connection;
import dev.enterprisechat.rooms.Rooms;
import dev.enterprisechat.security.Identity;
import dev.enterprisechat.security.SignIn;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** The one WebSocket endpoint of the chat. One instance per connection. */
@ServerEndpoint(value = "/api/websocket", subprotocols = TokenHandshake.SUBPROTOCOL,
        configurator = TokenHandshake.class, decoders = EnvelopeDecoder.class, encoders = EnvelopeEncoder.class)
public class ChatEndpoint {

    private static final Logger LOG = System.getLogger(ChatEndpoint.class.getName());
    /** Tyrus' own ceiling, far above chat.limits.frame-max-bytes, which the decoder enforces with 1009. */
    private static final long HARD_FRAME_LIMIT = 4L * 1024 * 1024;

    @Inject
    Dispatcher dispatcher;

    @Inject
    SignIn signIn;

    @Inject
    ConnectionSettings settings;

    @Inject
    Rooms rooms;

    @Inject
    ChatMetrics metrics;

    private Connection connection;

    @OnOpen
    public void open(Session session) {
        IdleTimerExecutor.apply(session);
        connection = new Connection(session, settings.newRateLimit(), settings.maxPendingFrames(),
                (abandoned, code) -> {
                    if (code == CloseCodes.SLOW_CONSUMER) {
                        metrics.slowConsumerClosed();
                    }
                    signIn.signOut(abandoned);
                });
        rooms.opened(connection);
        Identity identity = (Identity) session.getUserProperties().remove(TokenHandshake.IDENTITY);
        if (identity == null) {
            signIn.awaitToken(connection);
        } else {
            signIn.signIn(connection, identity);
        }
    }

    @OnMessage(maxMessageSize = HARD_FRAME_LIMIT)
    public void message(Envelope envelope) {
        dispatcher.dispatch(connection, envelope);
    }

    @OnMessage
    public void pong(PongMessage pong) {
        connection.ponged();
    }

    /** The protocol is text only; a binary frame is answered, not logged as a fault. */
    @OnMessage(maxMessageSize = HARD_FRAME_LIMIT)
    public void binary(ByteBuffer ignored) {
        dispatcher.refuseBinary(connection);
    }

    @OnError
    public void error(Session session, Throwable error) {
        if (error instanceof BadFrame bad) {
            dispatcher.refuse(connection, bad);
        } else if (error instanceof IOException) {
            LOG.log(Level.DEBUG, "Connection {0} went away: {1}", session.getId(), error.getMessage());
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
}
