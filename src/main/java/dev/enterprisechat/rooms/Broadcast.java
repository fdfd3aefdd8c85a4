package dev.enterprisechat.rooms;

import java.util.Set;

/**
 * An event for clients, fired as a CDI event inside the transaction that caused it and delivered only after that
 * transaction commits. It reaches either every connection of some users, or the connections joined to one room.
 *
 * @param type              the event type, such as {@code new_message}
 * @param payload           the event payload (JSON-B serialisable)
 * @param users             whose connections receive it (all of them, joined to a room or not); empty for a room
 * @param room              the conversation whose joined connections receive it; null for a user audience
 * @param exceptConnection  a connection that must not receive it (the sender's, which gets the ack); may be null
 */
public record Broadcast(String type, Object payload, Set<String> users, Long room, String exceptConnection) {

    public static Broadcast toUsers(String type, Object payload, Set<String> users, String exceptConnection) {
        return new Broadcast(type, payload, Set.copyOf(users), null, exceptConnection);
    }

    public static Broadcast toRoom(String type, Object payload, long room, String exceptConnection) {
        return new Broadcast(type, payload, Set.of(), room, exceptConnection);
    }
}
