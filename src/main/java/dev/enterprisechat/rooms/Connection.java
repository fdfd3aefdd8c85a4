package dev.enterprisechat.rooms;

import dev.enterprisechat.protocol.CloseCodes;
import dev.enterprisechat.protocol.RateLimit;
import dev.enterprisechat.security.Identity;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ObjIntConsumer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One open WebSocket: who is on it, which rooms it joined, and its outbound path.
 * <p>
 * Frames are written in the order {@link #send} is called: calls are serialised per connection (never across
 * connections) and each hands its frame to the container's asynchronous writer without waiting for the network.
 * Frames handed over but not yet written are counted; past the limit the connection is closed as a slow consumer.
 */
public final class Connection {

    private static final Logger LOG = System.getLogger(Connection.class.getName());

    private final Session session;
    private final RateLimit rateLimit;
    private final int maxPendingFrames;
    private final AtomicInteger pending = new AtomicInteger();
    private final Set<Long> joined = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Future<?>> deadline = new AtomicReference<>();
    private final Object sendOrder = new Object();
    private final AtomicInteger unansweredPings = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean slow = new AtomicBoolean();
    private final ObjIntConsumer<Connection> onAbandon;
    private volatile Identity identity;

    /**
     * @param onAbandon the clean-up to run, with the close code, when the server gives up on this connection (too
     *                  slow, no pong, missed cluster events), at once
     *                  rather than whenever the dead peer's close handshake ends
     */
    public Connection(Session session, RateLimit rateLimit, int maxPendingFrames,
                      ObjIntConsumer<Connection> onAbandon) {
        this.session = session;
        this.rateLimit = rateLimit;
        this.maxPendingFrames = maxPendingFrames;
        this.onAbandon = onAbandon;
    }

    public String id() {
        return session.getId();
    }

    public Identity identity() {
        return identity;
    }

    public void identify(Identity identity) {
        this.identity = identity;
    }

    public String userId() {
        Identity current = identity;
        return current == null ? null : current.userId();
    }

    public RateLimit rateLimit() {
        return rateLimit;
    }

    /** The conversation rooms this connection has joined (live view; safe to iterate concurrently). */
    public Set<Long> joinedRooms() {
        return joined;
    }

    /** Replaces the pending auth-timeout or token-expiry task, cancelling the previous one. */
    public void replaceDeadline(Future<?> next) {
        Future<?> previous = deadline.getAndSet(next);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    /** Queues one encoded frame for this connection; never blocks on the network. */
    public void send(String frame) {
        send(frame, false);
    }

    /**
     * Queues one encoded frame. A droppable frame is skipped once half the outbound bound is in use; any frame past
     * the bound abandons the connection as a slow consumer (4408): it reconnects and catches up with sync.
     */
    public void send(String frame, boolean droppable) {
        if (!session.isOpen()) {
            return;
        }
        if (droppable && pending.get() > maxPendingFrames / 2) {
            return;
        }
        if (pending.incrementAndGet() > maxPendingFrames) {
            pending.decrementAndGet();
            if (slow.compareAndSet(false, true)) {
                LOG.log(Level.INFO, "Closing connection {0} of {1}: too slow, {2} frames not yet written",
                        id(), userId(), maxPendingFrames);
                abandon(CloseCodes.SLOW_CONSUMER, "too slow to receive events: reconnect and sync");
            }
            return;
        }
        synchronized (sendOrder) {
            session.getAsyncRemote().sendText(frame, this::sent);
        }
    }

    /**
     * Sends a WebSocket ping, unless {@code maxUnanswered} earlier pings are still unanswered.
     *
     * @return false when the peer missed that many pongs: it is presumed dead
     */
    public boolean ping(int maxUnanswered) {
        if (unansweredPings.getAndIncrement() >= maxUnanswered) {
            return false;
        }
        synchronized (sendOrder) {
            try {
                session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
            } catch (IOException | IllegalStateException gone) {
                LOG.log(Level.DEBUG, "Ping to connection {0} failed: {1}", id(), gone.getMessage());
            }
        }
        return true;
    }

    /** The peer answered a ping. */
    public void ponged() {
        unansweredPings.set(0);
    }

    /** Marks the connection as ended; true only the first time, so that clean-up runs once. */
    public boolean end() {
        return ended.compareAndSet(false, true);
    }

    private void sent(SendResult result) {
        pending.decrementAndGet();
        if (!result.isOK()) {
            LOG.log(Level.DEBUG, "Send to connection {0} failed: {1}", id(), result.getException());
        }
    }

    /** Closes the connection from the server's side and cleans up at once. */
    public void abandon(int code, String reason) {
        close(code, reason);
        onAbandon.accept(this, code);
    }

    public void close(int code, String reason) {
        replaceDeadline(null);
        if (!session.isOpen()) {
            return;
        }
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | IllegalStateException gone) {
            LOG.log(Level.DEBUG, "Connection {0} was already gone when closing: {1}", id(), gone.getMessage());
        }
    }

    @Override
    public String toString() {
        return "Connection[" + id() + ", " + userId() + "]";
    }
}
