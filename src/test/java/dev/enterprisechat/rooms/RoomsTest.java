package dev.enterprisechat.rooms;

import dev.enterprisechat.protocol.CloseCodes;
import dev.enterprisechat.security.Identity;
import jakarta.enterprise.event.Event;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch of events delivered together: each connection's share, in order, with each event's own routing. */
class RoomsTest {

    private static final long ROOM = 7;

    private final Rooms rooms = new Rooms();
    private final List<String> roomLeftSeen = new ArrayList<>();
    private Socket ann;
    private Socket bob;

    @BeforeEach
    void twoMembersInTheRoom() {
        rooms.fannedOut = events(fannedOut -> { });
        rooms.roomsLeft = events(left -> roomLeftSeen.add(left.connection().userId() + " after "
                + (left.connection() == bob.connection ? bob.sent : ann.sent)));
        ann = new Socket("ann", true, 100);
        bob = new Socket("bob", true, 100);
        inTheRoom(ann);
        inTheRoom(bob);
    }

    /** Opened, signed in and joined to the room. */
    private Socket inTheRoom(Socket socket) {
        rooms.opened(socket.connection);
        assertThat(rooms.register(socket.connection, socket.identity, 5)).isTrue();
        assertThat(rooms.join(socket.connection.id(), ROOM)).isTrue();
        return socket;
    }

    @Test
    void eachConnectionGetsItsShareOfTheBatchInOrder() {
        rooms.deliver(List.of(
                routed(toRoom(ROOM, "ann"), "m1"),
                routed(toUsers("bob"), "u1"),
                routed(toRoom(ROOM, null), "m2")));

        assertThat(ann.sent).containsExactly("m2");
        assertThat(bob.sent).containsExactly("m1", "u1", "m2");
    }

    @Test
    void anEvictionAppliesAfterItsOwnFrameOnceWhatCameBeforeIsWritten() {
        Routing removal = new Routing(Set.of(), ROOM, null, null, false, new Routing.Eviction("bob", ROOM));

        rooms.deliver(List.of(routed(toRoom(ROOM, null), "m1"), routed(removal, "removed"),
                routed(toRoom(ROOM, null), "m2")));

        assertThat(ann.sent).containsExactly("m1", "removed", "m2");
        assertThat(bob.sent).containsExactly("m1", "removed");
        assertThat(roomLeftSeen).containsExactly("bob after [m1, removed]");
    }

    @Test
    void aConnectionBehindSkipsDroppableFramesOfItsShareAndKeepsTheOthers() {
        Socket slow = inTheRoom(new Socket("cat", false, 4));
        Routing typing = new Routing(Set.of(), ROOM, null, null, true, null);

        rooms.deliver(List.of(routed(toRoom(ROOM, null), "m1"), routed(toRoom(ROOM, null), "m2"),
                routed(toRoom(ROOM, null), "m3"), routed(typing, "typing"), routed(toRoom(ROOM, null), "m4")));

        assertThat(slow.sent).as("over half the bound in use: the typing event is skipped")
                .containsExactly("m1", "m2", "m3", "m4");
        assertThat(slow.closed.get()).isNull();
        assertThat(bob.sent).containsExactly("m1", "m2", "m3", "typing", "m4");
    }

    @Test
    void aShareThatWouldPassTheBoundAbandonsTheConnectionAsTooSlow() {
        Socket slow = inTheRoom(new Socket("cat", false, 2));

        rooms.deliver(List.of(routed(toRoom(ROOM, null), "m1"), routed(toRoom(ROOM, null), "m2"),
                routed(toRoom(ROOM, null), "m3"), routed(toRoom(ROOM, null), "m4")));

        assertThat(slow.closed.get().getCloseCode().getCode()).isEqualTo(CloseCodes.SLOW_CONSUMER);
        assertThat(slow.sent).as("what fitted before the bound").containsExactly("m1", "m2");
        assertThat(bob.sent).containsExactly("m1", "m2", "m3", "m4");
    }

    @Test
    void aBurstOfLargeMessagesIsWrittenInPiecesThatTheBoundAdmits() {
        Socket reader = inTheRoom(new Socket("dan", true, 1000, 100_000));
        List<Routed> burst = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            burst.add(routed(toRoom(ROOM, null), i + "x".repeat(30_000)));
        }

        rooms.deliver(burst);

        assertThat(reader.closed.get()).as("300 KB in one batch against a bound of 100 KB, read at once").isNull();
        assertThat(reader.sent).hasSize(10);
        assertThat(reader.sent.get(9)).startsWith("9x");
    }

    private static Routed routed(Routing routing, String text) {
        return new Routed(routing, Frame.text(text));
    }

    private static Routing toRoom(long room, String exceptUser) {
        return new Routing(Set.of(), room, null, exceptUser, false, null);
    }

    private static Routing toUsers(String... users) {
        return new Routing(Set.of(users), null, null, null, false, null);
    }

    @SuppressWarnings("unchecked")
    private static <T> Event<T> events(java.util.function.Consumer<T> observer) {
        return (Event<T>) Proxy.newProxyInstance(RoomsTest.class.getClassLoader(), new Class<?>[]{Event.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("fire")) {
                        observer.accept((T) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /**
     * A session on the standard API that records the texts sent to it, in order, and its close; it completes each
     * send at once, or never (a peer that stopped reading).
     */
    private static final class Socket {
        final List<String> sent = new ArrayList<>();
        final AtomicReference<CloseReason> closed = new AtomicReference<>();
        final Identity identity;
        final Connection connection;

        Socket(String user, boolean reading, int maxFrames) {
            this(user, reading, maxFrames, 1_000_000);
        }

        Socket(String user, boolean reading, int maxFrames, long maxBytes) {
            identity = new Identity(user, user, Instant.now().plusSeconds(60));
            RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(
                    RoomsTest.class.getClassLoader(), new Class<?>[]{RemoteEndpoint.Async.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("sendText") && args.length == 2) {
                            sent.add((String) args[0]);
                            if (reading) {
                                ((SendHandler) args[1]).onResult(new SendResult());
                            }
                            return null;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            Session session = (Session) Proxy.newProxyInstance(RoomsTest.class.getClassLoader(),
                    new Class<?>[]{Session.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getId" -> "connection-of-" + user;
                        case "isOpen" -> closed.get() == null;
                        case "getAsyncRemote" -> remote;
                        case "close" -> {
                            closed.set((CloseReason) args[0]);
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            connection = new Connection(session, "127.0.0.1", null, new Connection.Outbound(maxFrames, maxBytes),
                    (abandoned, code, drop) -> { });
        }
    }
}
