package dev.enterprisechat.rooms;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What a connection has handed to the network and not yet written, in frames and in UTF-8 bytes, against its bound
 * ({@link Connection.Outbound}). Plain fields changed atomically: one object per connection, not one per counter.
 */
final class Backlog {

    /** What became of a frame offered: counted in, skipped, or refused (the first refusal: the peer is too slow). */
    enum Admission { TAKEN, SKIPPED, REFUSED, TOO_SLOW }

    private static final VarHandle FRAMES;
    private static final VarHandle BYTES;
    private static final VarHandle SLOW;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            FRAMES = lookup.findVarHandle(Backlog.class, "frames", int.class);
            BYTES = lookup.findVarHandle(Backlog.class, "bytes", long.class);
            SLOW = lookup.findVarHandle(Backlog.class, "slow", boolean.class);
        } catch (ReflectiveOperationException unexpected) {
            throw new ExceptionInInitializerError(unexpected);
        }
    }

    private final Connection.Outbound limits;
    @SuppressWarnings("unused") // through FRAMES
    private volatile int frames;
    @SuppressWarnings("unused") // through BYTES
    private volatile long bytes;
    @SuppressWarnings("unused") // through SLOW
    private volatile boolean slow;

    Backlog(Connection.Outbound limits) {
        this.limits = limits;
    }

    /**
     * Counts a frame in. A droppable frame is skipped once half the bound is in use; any frame past the bound, in
     * frames or in bytes, is refused, and the first refusal is {@link Admission#TOO_SLOW}.
     */
    Admission admit(Frame frame, boolean droppable) {
        if (droppable && (frames > limits.maxFrames() / 2 || bytes > limits.maxBytes() / 2)) {
            return Admission.SKIPPED;
        }
        long size = frame.bytes();
        int queuedFrames = (int) FRAMES.getAndAdd(this, 1) + 1;
        long queuedBytes = (long) BYTES.getAndAdd(this, size) + size;
        if (queuedFrames <= limits.maxFrames() && queuedBytes <= limits.maxBytes()) {
            return Admission.TAKEN;
        }
        written(1, size);
        return SLOW.compareAndSet(this, false, true) ? Admission.TOO_SLOW : Admission.REFUSED;
    }

    /** Frames counted in are written, failed, or were never taken by the container. */
    void written(int count, long size) {
        FRAMES.getAndAdd(this, -count);
        BYTES.getAndAdd(this, -size);
    }

    int frames() {
        return frames;
    }

    long bytes() {
        return bytes;
    }
}
