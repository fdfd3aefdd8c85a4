package dev.enterprisechat.rooms;

import dev.enterprisechat.protocol.Caller;
import dev.enterprisechat.protocol.CloseCodes;
import dev.enterprisechat.protocol.RateLimit;
import dev.enterprisechat.security.Identity;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One open WebSocket: who is on it, which rooms it joined, and its outbound path.
 * <p>
 * Frames are written in the order {@link #send} is called: calls are serialised per connection (never across
 * connections) and each hands its frames, encoded once for all their recipients, to the container's asynchronous
 * writer without waiting for the network. Frames handed over but not yet written are counted ({@link Backlog}).
 */
public final class Connection implements Caller {

    private static final Logger LOG = System.getLogger(Connection.class.getName());

    private final Session session;
    private final RateLimit rateLimit;
    private final Backlog backlog;
    private final Set<Long> joined = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Deadline> deadline = new AtomicReference<>();
    private final Object sendOrder = new Object();
    private final AtomicInteger unansweredPings = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean anonymous = new AtomicBoolean(true);
    private final Abandoned onAbandon;
    private final String address;
    private final FrameWriter writer;
    private volatile Identity identity;

    /** The bound of what a connection may have handed to the network but not written yet: frames, UTF-8 bytes. */
    public record Outbound(int maxFrames, long maxBytes) {
    }

    /** @param onAbandon the clean-up when the server gives up on this connection, run at once */
    public Connection(Session session, String address, RateLimit rateLimit, Outbound limits, Abandoned onAbandon) {
        this.session = session;
        this.address = address;
        this.rateLimit = rateLimit;
        this.backlog = new Backlog(limits);
        this.onAbandon = onAbandon;
        this.writer = FrameWriter.of(session);
    }

    public String id() {
        return session.getId();
    }

    @Override
    public String connectionId() {
        return session.getId();
    }

    @Override
    public String displayName() {
        Identity current = identity;
        return current == null ? null : current.displayName();
    }

    public Identity identity() {
        return identity;
    }

    /** Sets the signed-in user: by {@link Rooms#register} on sign-in, or on a token refresh of the same user. */
    public void identify(Identity identity) {
        this.identity = identity;
    }

    /** The client's address (for the quota of anonymous connections per address). */
    public String address() {
        return address;
    }

    /** Whether the connection is still to be counted as anonymous; false once it signed in or was counted out. */
    boolean countAsAnonymous() {
        return anonymous.get();
    }

    /** Stops counting the connection as anonymous; true only the first time. */
    boolean stopCountingAsAnonymous() {
        return anonymous.compareAndSet(true, false);
    }

    @Override
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

    /** Replaces the pending sign-in or token-expiry deadline (null: none), cancelling the previous one. */
    public void replaceDeadline(Deadline next) {
        Deadline previous = deadline.getAndSet(next);
        if (previous != null) {
            previous.cancel();
        }
    }

    /** Queues one frame for this connection; never blocks on the network. */
    public void send(String frame) {
        send(Frame.text(frame), false);
    }

    /**
     * Queues one frame (encoded once by a caller that sends the same frame to many connections), unless the outbound
     * bound says otherwise ({@link #admit}). A frame the container cannot take is counted out again.
     */
    public void send(Frame frame, boolean droppable) {
        if (session.isOpen() && admit(frame, droppable)) {
            hand(1, frame.bytes(), done -> writer.write(frame, done));
        }
    }

    /**
     * Queues frames {@code from} to {@code to} (exclusive) of the share in their order, each as
     * {@link #send(Frame, boolean)} would, in one write: several events delivered together reach the socket at once.
     */
    void send(Shares.Share share, int from, int to) {
        List<Frame> taken = new ArrayList<>(to - from);
        long bytes = 0;
        for (int i = from; i < to && session.isOpen(); i++) {
            if (admit(share.frame(i), share.droppable(i))) {
                taken.add(share.frame(i));
                bytes += share.frame(i).bytes();
            }
        }
        if (!taken.isEmpty()) {
            hand(taken.size(), bytes, done -> writer.write(taken, done));
        }
    }

    /** Hands counted frames to the writer, in the connection's order; what it does not take is counted out again. */
    private void hand(int frames, long bytes, Consumer<Consumer<Throwable>> write) {
        try {
            synchronized (sendOrder) {
                write.accept(failure -> {
                    backlog.written(frames, bytes);
                    if (failure != null) {
                        LOG.log(Level.DEBUG, "Send to connection {0} failed: {1}", id(), failure.toString());
                    }
                });
            }
        } catch (RuntimeException refused) {
            backlog.written(frames, bytes);
            LOG.log(Level.DEBUG, "Connection {0} did not take {1} frame(s): {2}", id(), frames, refused.toString());
        }
    }

    /**
     * Counts a frame in ({@link Backlog#admit}): the first frame past the bound abandons the connection as a slow
     * consumer (4408), which reconnects and catches up with sync.
     */
    private boolean admit(Frame frame, boolean droppable) {
        Backlog.Admission admission = backlog.admit(frame, droppable);
        if (admission == Backlog.Admission.TOO_SLOW) {
            LOG.log(Level.INFO, "Closing connection {0} of {1}: too slow, {2} frames ({3} bytes) not yet written",
                    id(), userId(), backlog.frames(), backlog.bytes());
            abandon(CloseCodes.SLOW_CONSUMER, "too slow to receive events: reconnect and sync");
        }
        return admission == Backlog.Admission.TAKEN;
    }

    /** Sends a WebSocket ping, unless {@code maxUnanswered} are unanswered: false then, the peer is presumed dead. */
    public boolean ping(int maxUnanswered) {
        if (unansweredPings.getAndIncrement() >= maxUnanswered) {
            return false;
        }
        synchronized (sendOrder) {
            try {
                writer.ping();
            } catch (IOException | IllegalStateException gone) {
                LOG.log(Level.DEBUG, "Ping to connection {0} failed: {1}", id(), gone.getMessage());
            }
        }
        return true;
    }

    /** The peer answered a ping (on the reading thread). */
    public void ponged() {
        unansweredPings.set(0);
        received();
    }

    /** On the reading thread: what the connection has read so far is handled, and the container may let go of it. */
    public void received() {
        writer.received();
    }

    /** Marks the connection as ended; true only the first time, so that clean-up runs once. */
    public boolean end() {
        return ended.compareAndSet(false, true);
    }

    /** Whether the connection closed (or was given up on) and was cleaned up, or is being. */
    public boolean isEnded() {
        return ended.get();
    }

    /** Closes the connection from the server's side and cleans up at once. */
    public void abandon(int code, String reason) {
        // found before the close: the container lets go of the upgraded request when the WebSocket closes
        BooleanSupplier drop = writer.dropper();
        close(code, reason);
        onAbandon.abandoned(this, code, drop);
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
