package dev.enterprisechat.conversations.control;

import dev.enterprisechat.conversations.entity.Membership;
import dev.enterprisechat.messages.control.Participation;
import dev.enterprisechat.protocol.ChatException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.HashSet;
import java.util.Set;

/** Who takes part in a conversation; the one place that decides whether a user may touch one. */
@ApplicationScoped
public class Participants implements Participation {

    @PersistenceContext
    EntityManager em;

    public boolean isParticipant(long conversationId, String userId) {
        return em.find(Membership.class, new Membership.Key(conversationId, userId)) != null;
    }

    /**
     * @throws ChatException FORBIDDEN when the user is not in the conversation or it does not exist: both answered
     *                       alike so that ids reveal nothing
     */
    @Override
    public void require(long conversationId, String userId) {
        if (!isParticipant(conversationId, userId)) {
            throw ChatException.forbidden("not a participant of conversation " + conversationId);
        }
    }

    public Set<String> userIds(long conversationId) {
        return new HashSet<>(em.createNamedQuery(Membership.USER_IDS, String.class)
                .setParameter("id", conversationId).getResultList());
    }
}
