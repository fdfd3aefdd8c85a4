package dev.enterprisechat.rooms;

import java.util.Set;

/**
 * Which connections an event reaches: every connection of some users, or the connections joined to one room; with
 * the exceptions and the eviction that go with it. The same routing is applied on this instance and, in cluster
 * mode, on every other one (it travels with the event).
 *
 * @param users            whose connections receive it (all of them, joined to a room or not); empty for a room
 * @param room             the conversation whose joined connections receive it; null for a user audience
 * @param exceptConnection a connection that must not receive it (the requester's, which gets the ack); may be null
 * @param exceptUser       a user whose connections must not receive it (the typist of a typing event); may be null
 * @param droppable        whether a connection that is falling behind may skip it (typing, presence: state that
 *                         the next event or a reload corrects), so that what matters still fits
 * @param eviction         a user whose connections leave a room once the event is delivered (the user is no longer
 *                         a participant); may be null
 */
public record Routing(Set<String> users, Long room, String exceptConnection, String exceptUser, boolean droppable,
                      Eviction eviction) {

    /** A user taken out of a conversation's room. */
    public record Eviction(String userId, long conversationId) {
    }
}
