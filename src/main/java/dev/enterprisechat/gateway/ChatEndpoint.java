package dev.enterprisechat.gateway;

import dev.enterprisechat.protocol.BadFrame;
import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.protocol.CloseCodes;
import dev.enterprisechat.protocol.EnvelopeDecoder;
import dev.enterprisechat.protocol.Faults;
import dev.enterprisechat.rooms.Connection;
import dev.enterprisechat.rooms.Rooms;
import dev.enterprisechat.rooms.SlowConsumerClosed;
import dev.enterprisechat.scheduling.Timers;
import dev.enterprisechat.security.Identity;
import jakarta.enterprise.event.Event;
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
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * The one WebSocket endpoint of the chat. One instance serves every connection ({@link TokenHandshake} hands Tyrus the
 * same one each time): a connection's state lives in its session's user properties, so an idle connection carries no
 * endpoint object and none of the container's per-instance injection bookkeeping. Text arrives fragment by fragment
 * (a partial handler), so that the frame limit bounds an unfinished message too; whole messages are decoded here.
 */
@ServerEndpoint(value = "/api/websocket", subprotocols = TokenHandshake.SUBPROTOCOL,
        configurator = TokenHandshake.class)
public class ChatEndpoint {

    private static final Logger LOG = System.getLogger(ChatEndpoint.class.getName());
    private static final String STATE = ChatEndpoint.class.getName() + ".state";
    /** How long a connection the server gave up on has to answer its close before its socket is dropped. */
    private static final Duration CLOSE_ANSWER_WAIT = Duration.ofSeconds(5);

    private final Dispatcher dispatcher;
    private final SignIn signIn;
    private final ConnectionSettings settings;
    private final Rooms rooms;
    private final Event<SlowConsumerClosed> slowConsumers;
    private final Timers timers;
    private final EnvelopeDecoder decoder;

    /** A connection's state: what it is to the chat, its requests in flight and its unfinished text message. */
    private record Open(Connection connection, Pipeline pipeline, InboundText inbound) {
    }

    ChatEndpoint(Dispatcher dispatcher, SignIn signIn, ConnectionSettings settings, Rooms rooms,
                 Event<SlowConsumerClosed> slowConsumers, Timers timers) {
        this.dispatcher = dispatcher;
        this.signIn = signIn;
        this.settings = settings;
        this.rooms = rooms;
        this.slowConsumers = slowConsumers;
        this.timers = timers;
        this.decoder = new EnvelopeDecoder(settings.maxFrameBytes());
    }

    @OnOpen
    public void open(Session session) {
        IdleTimerExecutor.apply(session);
        String address = (String) session.getUserProperties().remove(TokenHandshake.ADDRESS);
        Connection connection = new Connection(session, address == null ? "unknown" : address,
                settings.newRateLimit(), settings.outbound(), this::abandoned);
        session.getUserProperties().put(STATE, new Open(connection, dispatcher.pipeline(connection),
                new InboundText(settings.maxFrameBytes())));
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
            failedSignIn(connection, fault);
        }
    }

    @OnMessage
    public void text(Session session, String part, boolean last) {
        Open open = state(session);
        try {
            String text = open.inbound().add(part, last);
            if (text != null) {
                dispatcher.dispatch(open.pipeline(), decoder.decode(text));
            }
        } catch (BadFrame bad) {
            dispatcher.refuse(open.pipeline(), bad);
        } finally {
            open.connection().received();
        }
    }

    @OnMessage
    public void pong(Session session, PongMessage pong) {
        state(session).connection().ponged();
    }

    /** The protocol is text only; a binary message is answered once, at its last fragment, and never buffered. */
    @OnMessage
    public void binary(Session session, ByteBuffer part, boolean last) {
        Open open = state(session);
        if (last) {
            dispatcher.refuseBinary(open.pipeline());
        }
        open.connection().received();
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
    public void close(Session session) {
        Open open = (Open) session.getUserProperties().get(STATE);
        if (open != null) {
            signIn.signOut(open.connection());
        }
    }

    private static Open state(Session session) {
        return (Open) session.getUserProperties().get(STATE);
    }

    /**
     * A connection the server gave up on is signed out at once; its socket is dropped if its peer has not answered
     * the close within {@link #CLOSE_ANSWER_WAIT}: a peer that stopped reading never will.
     */
    private void abandoned(Connection abandoned, int code, BooleanSupplier drop) {
        if (code == CloseCodes.SLOW_CONSUMER) {
            slowConsumers.fire(new SlowConsumerClosed(abandoned.id()));
        }
        signIn.signOut(abandoned);
        String id = abandoned.id();
        timers.schedule(() -> {
            if (drop.getAsBoolean()) {
                LOG.log(Level.INFO, "Dropped connection {0}: its close was not answered within {1} s", id,
                        CLOSE_ANSWER_WAIT.toSeconds());
            }
        }, CLOSE_ANSWER_WAIT);
    }

    /** A connection that cannot be signed in is not left open without a user and without a deadline. */
    private static void failedSignIn(Connection connection, RuntimeException fault) {
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
