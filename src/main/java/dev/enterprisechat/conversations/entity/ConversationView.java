package dev.enterprisechat.conversations.entity;

import dev.enterprisechat.messages.entity.MessageView;

import java.time.Instant;
import java.util.List;

/**
 * A conversation on the wire, as one user sees it.
 *
 * @param id           stable forever
 * @param type         {@code direct} or {@code group}
 * @param title        null for a direct conversation
 * @param groupId      the group that owns it, or null
 * @param inviteCode   the group's invite code (every member may invite), or null for a direct conversation
 * @param participants who takes part, in the order they joined
 * @param lastMessage  the newest message, or null
 * @param lastSeq      the seq of the newest message, 0 when there is none
 * @param createdAt    when it was created
 * @param lastReadSeq  the viewer's read position (0: nothing read)
 * @param unreadCount  messages after the read position that others sent
 * @param lastRev      the revision of the newest change to its messages, 0 when there is none
 */
public record ConversationView(long id, String type, String title, Long groupId, String inviteCode,
                               List<ParticipantView> participants,
                               MessageView lastMessage, long lastSeq, Instant createdAt, long lastReadSeq,
                               long unreadCount, long lastRev) {

    /**
     * The view to send to every participant (an event): presence is shown only for {@code userId} (the creator, who
     * is online), since what the viewer may see of the others is not what each recipient may.
     */
    public ConversationView withPresenceOnlyOf(String userId) {
        List<ParticipantView> masked = participants.stream()
                .map(p -> p.userId().equals(userId) ? p : new ParticipantView(p.userId(), p.displayName(), false, null))
                .toList();
        return new ConversationView(id, type, title, groupId, inviteCode, masked, lastMessage, lastSeq, createdAt,
                lastReadSeq, unreadCount, lastRev);
    }
}
