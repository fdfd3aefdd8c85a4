package dev.enterprisechat.rooms;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a delivery puts each frame for a connection. Of one event, on the connection at once; of several, in the
 * connection's share: its frames in order, each droppable or not ({@link Routing#droppable()}), written at once when
 * flushed ({@link Connection#send(Shares.Share, int, int)}).
 */
final class Shares {

    private final Map<Connection, Share> byConnection;

    /** @param gathering whether frames are kept per connection until {@link #flush}, or queued at once */
    Shares(boolean gathering) {
        byConnection = gathering ? new LinkedHashMap<>() : null;
    }

    void add(Connection connection, Frame frame, boolean droppable) {
        if (byConnection == null) {
            connection.send(frame, droppable);
        } else {
            byConnection.computeIfAbsent(connection, c -> new Share()).add(frame, droppable);
        }
    }

    /** Queues each connection's share on it, and starts again empty. */
    void flush() {
        if (byConnection != null) {
            byConnection.forEach((connection, share) -> share.sendTo(connection));
            byConnection.clear();
        }
    }

    /** One connection's frames. */
    static final class Share {
        /** The most bytes of frames gathered into one write (a write of one larger frame is what it is). */
        static final int WRITE_BYTES = 64 * 1024;

        private final List<Frame> frames = new ArrayList<>(4);
        private final BitSet droppable = new BitSet();

        void add(Frame frame, boolean canDrop) {
            droppable.set(frames.size(), canDrop);
            frames.add(frame);
        }

        /**
         * Queues the frames on the connection, several in one write, up to {@link #WRITE_BYTES} a write: each write
         * is counted against the connection's outbound bound as a whole before it starts, and a socket that keeps up
         * takes one of that size at once, so a burst of large messages is not taken for a slow consumer.
         */
        void sendTo(Connection connection) {
            int from = 0;
            long bytes = 0;
            for (int i = 0; i < frames.size(); i++) {
                bytes += frames.get(i).bytes();
                if (bytes >= WRITE_BYTES || i == frames.size() - 1) {
                    if (i == from) {
                        connection.send(frames.get(i), droppable.get(i));
                    } else {
                        connection.send(this, from, i + 1);
                    }
                    from = i + 1;
                    bytes = 0;
                }
            }
        }

        Frame frame(int index) {
            return frames.get(index);
        }

        boolean droppable(int index) {
            return droppable.get(index);
        }
    }
}
