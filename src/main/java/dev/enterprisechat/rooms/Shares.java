package dev.enterprisechat.rooms;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a delivery puts each frame for a connection. Of one event, on the connection at once; of several, in the
 * connection's share: its frames in order, each droppable or not ({@link Routing#droppable()}), written at once when
 * flushed ({@link Connection#send(Shares.Share)}).
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
        private final List<Frame> frames = new ArrayList<>(4);
        private final BitSet droppable = new BitSet();

        void add(Frame frame, boolean canDrop) {
            droppable.set(frames.size(), canDrop);
            frames.add(frame);
        }

        /** Queues the frames on the connection: in one write when there are several. */
        void sendTo(Connection connection) {
            if (frames.size() == 1) {
                connection.send(frames.get(0), droppable.get(0));
            } else {
                connection.send(this);
            }
        }

        int size() {
            return frames.size();
        }

        Frame frame(int index) {
            return frames.get(index);
        }

        boolean droppable(int index) {
            return droppable.get(index);
        }
    }
}
