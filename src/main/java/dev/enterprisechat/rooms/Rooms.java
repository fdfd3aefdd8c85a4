package dev.enterprisechat.rooms;

import dev.enterprisechat.operations.control.ChatMetrics;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of signed-in connections, by user and by joined conversation room. Concurrent maps, no lock held
 * while sending; a send only queues a frame on its connection.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class Rooms {

    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Set<Connection>> byUser = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Set<Connection>> byRoom = new ConcurrentHashMap<>();

    @Inject
    ChatMetrics metrics;

    /** Every open connection, signed in or not (for heartbeats and shutdown). */
    public void opened(Connection connection) {
        open.add(connection);
    }

    public Set<Connection> open() {
        return open;
    }

    /** Distinct users with a signed-in connection here. */
    public int signedInUsers() {
        return byUser.size();
    }

    /** Adds a signed-in connection; it then receives the events of its user. */
    public void register(Connection connection) {
        add(byUser, connection.userId(), connection);
    }

    /** Removes a closing connection from its user and from every room it joined. */
    public void unregister(Connection connection) {
        open.remove(connection);
        String user = connection.userId();
        if (user != null) {
            remove(byUser, user, connection);
        }
        for (Long room : connection.joinedRooms()) {
            leave(connection, room);
        }
    }

    public void join(Connection connection, long room) {
        connection.joinedRooms().add(room);
        add(byRoom, room, connection);
    }

    public void leave(Connection connection, long room) {
        connection.joinedRooms().remove(room);
        remove(byRoom, room, connection);
    }

    public void sendToUsers(Collection<String> users, String frame, String exceptConnection, boolean droppable) {
        int sent = 0;
        for (String user : users) {
            Set<Connection> connections = byUser.get(user);
            if (connections != null) {
                for (Connection connection : connections) {
                    if (!connection.id().equals(exceptConnection)) {
                        connection.send(frame, droppable);
                        sent++;
                    }
                }
            }
        }
        metrics.fannedOut(sent);
    }

    /** To the connections joined to the room, except those of {@code exceptUser} (may be null). */
    public void sendToRoom(long room, String frame, String exceptUser, boolean droppable) {
        Set<Connection> connections = byRoom.get(room);
        if (connections == null) {
            return;
        }
        int sent = 0;
        for (Connection connection : connections) {
            if (exceptUser == null || !exceptUser.equals(connection.userId())) {
                connection.send(frame, droppable);
                sent++;
            }
        }
        metrics.fannedOut(sent);
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
