package dev.enterprisechat.rooms;

import java.util.Set;

/**
 * An event for clients, fired as a CDI event; when fired inside a transaction it is delivered only after that
 * transaction commits, outside one at once. It reaches either every connection of some users, or the connections
 * joined to one room.
 *
 * @param type             the event type, such as {@code new_message}
 * @param payload          the event payload (JSON-B serialisable)
 * @param users            whose connections receive it (all of them, joined to a room or not); empty for a room
 * @param room             the conversation whose joined connections receive it; null for a user audience
 * @param exceptConnection a connection that must not receive it (the requester's, which gets the ack); may be null
 * @param exceptUser       a user whose connections must not receive it (the typist of a typing event); may be null
 * @param droppable        whether a connection that is falling behind may skip it (typing, presence: state that
 *                         the next event or a reload corrects), so that what matters still fits
 * @param eviction         a user whose connections leave a room once the event is delivered, on every instance (the
 *                         user is no longer a participant); may be null
 */
public record Broadcast(String type, Object payload, Set<String> users, Long room, String exceptConnection,
                        String exceptUser, boolean droppable, Eviction eviction) {

    public static Broadcast toUsers(String type, Object payload, Set<String> users, String exceptConnection) {
        return new Broadcast(type, payload, Set.copyOf(users), null, exceptConnection, null, false, null);
    }

    /** To the connections joined to the room, but none of {@code exceptUser}'s. */
    public static Broadcast toRoom(String type, Object payload, long room, String exceptUser) {
        return new Broadcast(type, payload, Set.of(), room, null, exceptUser, false, null);
    }

    /** The same broadcast, which connections that fall behind may skip. */
    public Broadcast asDroppable() {
        return new Broadcast(type, payload, users, room, exceptConnection, exceptUser, true, eviction);
    }

    /** The same broadcast, after which the user's connections leave the conversation's room. */
    public Broadcast evicting(String userId, long conversationId) {
        return new Broadcast(type, payload, users, room, exceptConnection, exceptUser, droppable,
                new Eviction(userId, conversationId));
    }

    /** A user taken out of a conversation's room. */
    public record Eviction(String userId, long conversationId) {
    }
}
