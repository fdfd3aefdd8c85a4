package dev.enterprisechat.rooms;

import dev.enterprisechat.protocol.Envelope;
import dev.enterprisechat.protocol.EnvelopeEncoder;

import java.util.Set;

/**
 * An event for clients. Components fire it as a CDI event inside the transaction of the change it announces; the
 * {@link Broadcaster} hands it to the deployment's {@link Relay}, which delivers it only if and once that
 * transaction commits (outside a transaction: at once), on every instance.
 *
 * @param type    the event type, such as {@code new_message}
 * @param payload the event payload (JSON-B serialisable)
 * @param routing which connections receive it
 */
public record Broadcast(String type, Object payload, Routing routing) {

    public static Broadcast toUsers(String type, Object payload, Set<String> users, String exceptConnection) {
        return new Broadcast(type, payload, new Routing(Set.copyOf(users), null, exceptConnection, null, false, null));
    }

    /** To the connections joined to the room, but none of {@code exceptUser}'s. */
    public static Broadcast toRoom(String type, Object payload, long room, String exceptUser) {
        return new Broadcast(type, payload, new Routing(Set.of(), room, null, exceptUser, false, null));
    }

    /** The same broadcast, which connections that fall behind may skip. */
    public Broadcast asDroppable() {
        return new Broadcast(type, payload, new Routing(routing.users(), routing.room(), routing.exceptConnection(),
                routing.exceptUser(), true, routing.eviction()));
    }

    /** The same broadcast, after which the user's connections leave the conversation's room. */
    public Broadcast evicting(String userId, long conversationId) {
        return new Broadcast(type, payload, new Routing(routing.users(), routing.room(), routing.exceptConnection(),
                routing.exceptUser(), routing.droppable(), new Routing.Eviction(userId, conversationId)));
    }

    /** The client frame, encoded once whatever the audience. */
    public String frame() {
        return EnvelopeEncoder.frame(Envelope.event(type, payload));
    }
}
