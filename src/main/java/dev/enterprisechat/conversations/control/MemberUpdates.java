package dev.enterprisechat.conversations.control;

import dev.enterprisechat.conversations.entity.Membership;
import dev.enterprisechat.conversations.entity.ParticipantView;
import dev.enterprisechat.rooms.Broadcast;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Announces a participant's new role ({@code member_updated}) to every participant of a group's conversation. The
 * participant carries presence, which not every participant may see (a block hides it): those who may get it, the
 * others get the participant shown offline, as in their conversation objects.
 */
@ApplicationScoped
public class MemberUpdates {

    public static final String MEMBER_UPDATED = "member_updated";

    @PersistenceContext
    EntityManager em;

    @Inject
    ConversationViews views;

    @Inject
    Participants participants;

    @Inject
    Event<Broadcast> broadcasts;

    /** After the change is flushed, in its transaction. */
    public void announce(long conversationId, long groupId, String userId, String exceptConnection) {
        ParticipantView participant = views.participant(userId, conversationId, userId);
        Set<String> audience = participants.userIds(conversationId);
        @SuppressWarnings("unchecked")
        List<String> seeing = em.createNamedQuery(Membership.PRESENCE_AUDIENCE).setParameter(1, userId)
                .getResultList();
        Set<String> shown = new HashSet<>(audience);
        shown.retainAll(seeing);
        shown.add(userId);
        Set<String> hidden = new HashSet<>(audience);
        hidden.removeAll(shown);
        send(new MemberUpdated(conversationId, groupId, participant), shown, exceptConnection);
        send(new MemberUpdated(conversationId, groupId, participant.withoutPresence()), hidden, exceptConnection);
    }

    private void send(MemberUpdated payload, Set<String> users, String exceptConnection) {
        if (!users.isEmpty()) {
            broadcasts.fire(Broadcast.toUsers(MEMBER_UPDATED, payload, users, exceptConnection));
        }
    }

    /** The payload of {@code member_updated}. */
    public record MemberUpdated(long conversationId, long groupId, ParticipantView participant) {
    }
}
