package dev.enterprisechat.rooms;

import dev.enterprisechat.security.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of signed-in connections, by user and by joined conversation room. Concurrent maps, no lock held
 * while sending; a send only queues a frame on its connection. A plain CDI bean, not an EJB: every delivery goes
 * through it, and an EJB's interceptors (transaction attribute, security context, invocation bookkeeping) were a
 * measurable part of each.
 */
@ApplicationScoped
public class Rooms {

    private final ConcurrentHashMap<String, Connection> open = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<Connection>> byUser = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Set<Connection>> byRoom = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> anonymous = new ConcurrentHashMap<>();

    @Inject
    Event<RoomLeft> roomsLeft;

    @Inject
    Event<FannedOut> fannedOut;

    /**
     * Every open connection, signed in or not (for heartbeats and shutdown); an anonymous one is counted against its
     * client address until it signs in or closes.
     */
    public void opened(Connection connection) {
        open.put(connection.id(), connection);
        if (connection.identity() == null && connection.countAsAnonymous()) {
            anonymous.merge(connection.address(), 1, Integer::sum);
        }
    }

    public Collection<Connection> open() {
        return open.values();
    }

    /** An open connection by its id, or null. */
    public Connection connection(String id) {
        return open.get(id);
    }

    /** Distinct users with a signed-in connection here. */
    public int signedInUsers() {
        return byUser.size();
    }

    /** The user's signed-in connections on this instance. */
    public int connectionsOf(String user) {
        Set<Connection> connections = byUser.get(user);
        return connections == null ? 0 : connections.size();
    }

    /** Anonymous (not yet signed-in) connections from the client address on this instance. */
    public int anonymousFrom(String address) {
        return anonymous.getOrDefault(address, 0);
    }

    /**
     * Signs the connection in as {@code identity} and adds it to its user's connections, unless the user has
     * {@code maxPerUser} already (checked and added atomically per user).
     *
     * @return false when the user has too many connections; the connection is then unchanged
     */
    public boolean register(Connection connection, Identity identity, int maxPerUser) {
        boolean[] added = {false};
        byUser.compute(identity.userId(), (user, set) -> {
            Set<Connection> connections = set == null ? ConcurrentHashMap.newKeySet() : set;
            if (connections.size() < maxPerUser) {
                connection.identify(identity);
                added[0] = connections.add(connection);
            }
            return connections.isEmpty() ? null : connections;
        });
        if (!added[0]) {
            return false;
        }
        releaseAnonymous(connection);
        if (connection.isEnded()) {
            // closed while signing in: its clean-up may have run before it was added
            unregister(connection);
        }
        return true;
    }

    /** Removes a closing connection from its user and from every room it joined. */
    public void unregister(Connection connection) {
        open.remove(connection.id(), connection);
        releaseAnonymous(connection);
        String user = connection.userId();
        if (user != null) {
            remove(byUser, user, connection);
        }
        for (Long room : connection.joinedRooms()) {
            leave(connection, room);
        }
    }

    /** Subscribes the open connection with this id to the room's live events; false when it is not open here. */
    public boolean join(String connectionId, long room) {
        Connection connection = open.get(connectionId);
        if (connection == null) {
            return false;
        }
        join(connection, room);
        return true;
    }

    /** Ends the connection's subscription to the room, if any; what it did there (typing) ends with it. */
    public void leave(String connectionId, long room) {
        Connection connection = open.get(connectionId);
        if (connection != null && connection.joinedRooms().contains(room)) {
            leave(connection, room);
            roomsLeft.fire(new RoomLeft(connection, room));
        }
    }

    private void join(Connection connection, long room) {
        connection.joinedRooms().add(room);
        add(byRoom, room, connection);
        if (connection.isEnded()) {
            leave(connection, room);
        }
    }

    private void leave(Connection connection, long room) {
        connection.joinedRooms().remove(room);
        remove(byRoom, room, connection);
    }

    /** Sends a frame, encoded once, to the connections the routing names, then applies its eviction. */
    public void deliver(Routing routing, String text) {
        deliver(routing, Frame.text(text));
    }

    /** As {@link #deliver(Routing, String)}, with a frame that may make its text only if a connection here needs it. */
    public void deliver(Routing routing, Frame frame) {
        deliver(List.of(new Routed(routing, frame)));
    }

    /**
     * Delivers frames in their order, as {@link #deliver(Routing, Frame)} does each, but a connection that several of
     * them go to is written its share at once (in their order): a batch of messages to a room reaches each member's
     * socket in one write instead of one per message. An eviction still applies after its own frame: what the
     * connections were given up to there is written first.
     */
    public void deliver(List<Routed> frames) {
        Shares shares = new Shares(frames.size() > 1);
        for (Routed routed : frames) {
            Routing routing = routed.routing();
            if (routing.room() != null) {
                sendToRoom(routing.room(), routed.frame(), routing.exceptUser(), routing.droppable(), shares);
            } else {
                sendToUsers(routing.users(), routed.frame(), routing.exceptConnection(), routing.droppable(), shares);
            }
            if (routing.eviction() != null) {
                shares.flush();
                evict(routing.eviction());
            }
        }
        shares.flush();
    }

    /** Takes the user's connections on this instance out of the room (the user is no longer a participant). */
    private void evict(Routing.Eviction eviction) {
        Set<Connection> connections = byUser.get(eviction.userId());
        if (connections == null) {
            return;
        }
        for (Connection connection : connections) {
            if (connection.joinedRooms().contains(eviction.conversationId())) {
                leave(connection, eviction.conversationId());
                roomsLeft.fire(new RoomLeft(connection, eviction.conversationId()));
            }
        }
    }

    private void releaseAnonymous(Connection connection) {
        if (connection.stopCountingAsAnonymous()) {
            anonymous.computeIfPresent(connection.address(), (address, count) -> count <= 1 ? null : count - 1);
        }
    }

    private void sendToUsers(Collection<String> users, Frame frame, String exceptConnection, boolean droppable,
                             Shares shares) {
        int sent = 0;
        for (String user : users) {
            Set<Connection> connections = byUser.get(user);
            if (connections != null) {
                for (Connection connection : connections) {
                    if (!connection.id().equals(exceptConnection)) {
                        shares.add(connection, frame, droppable);
                        sent++;
                    }
                }
            }
        }
        fannedOut.fire(new FannedOut(sent));
    }

    /** To the connections joined to the room, except those of {@code exceptUser} (may be null). */
    private void sendToRoom(long room, Frame frame, String exceptUser, boolean droppable, Shares shares) {
        Set<Connection> connections = byRoom.get(room);
        if (connections == null) {
            return;
        }
        int sent = 0;
        for (Connection connection : connections) {
            if (exceptUser == null || !exceptUser.equals(connection.userId())) {
                shares.add(connection, frame, droppable);
                sent++;
            }
        }
        fannedOut.fire(new FannedOut(sent));
    }

    /** Adds inside compute, so that a concurrent removal of the emptied set cannot orphan the addition. */
    private static <K> void add(ConcurrentHashMap<K, Set<Connection>> index, K key, Connection connection) {
        index.compute(key, (k, set) -> {
            Set<Connection> connections = set == null ? ConcurrentHashMap.newKeySet() : set;
            connections.add(connection);
            return connections;
        });
    }

    private static <K> void remove(ConcurrentHashMap<K, Set<Connection>> index, K key, Connection connection) {
        index.computeIfPresent(key, (k, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

}
