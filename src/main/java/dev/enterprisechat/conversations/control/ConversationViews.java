package dev.enterprisechat.conversations.control;

import dev.enterprisechat.conversations.entity.Conversation;
import dev.enterprisechat.conversations.entity.ConversationView;
import dev.enterprisechat.conversations.entity.GroupView;
import dev.enterprisechat.conversations.entity.Membership;
import dev.enterprisechat.conversations.entity.ParticipantView;
import dev.enterprisechat.messages.entity.Message;
import dev.enterprisechat.messages.entity.MessageView;
import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.storage.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds conversation views as one user sees them — read position, unread count, last message, participants with
 * presence and roles, the group — with two queries whatever the number of conversations: one for the conversations
 * (with the viewer's membership, the newest message, the unread count and the group in the same statement), one for
 * all their participants with whose presence the viewer may see (plus one for who is online in cluster mode, where it
 * lives in the database).
 */
@ApplicationScoped
public class ConversationViews {

    /** Where the activity "as of" the first page sits among the columns of a page's rows. */
    private static final int ACTIVITY = 15;

    @PersistenceContext
    EntityManager em;

    @Inject
    PresenceView presence;

    @Inject
    Participants participants;

    /** The viewer's conversations, newest activity first. */
    public List<ConversationView> of(String viewer) {
        return views(viewer, em.createNamedQuery(Conversation.OF_USER, Object[].class)
                .setParameter("user", viewer).getResultList());
    }

    /**
     * Up to {@code limit} of the viewer's conversations after the cursor (from the newest when it is null), in the
     * order they had when the first page was read.
     */
    public ConversationPage page(String viewer, int limit, ConversationCursor after) {
        ConversationCursor from = after != null ? after : ConversationCursor.first(Timestamps.now());
        List<Object[]> rows = em.createNamedQuery(Conversation.PAGE_OF_USER, Object[].class)
                .setParameter("user", viewer).setParameter("asOf", from.asOf()).setParameter("at", from.at())
                .setParameter("id", from.id()).setMaxResults(limit + 1).getResultList();
        boolean more = rows.size() > limit;
        List<Object[]> shown = more ? rows.subList(0, limit) : rows;
        List<ConversationView> views = views(viewer, shown);
        String next = null;
        if (more) {
            Object[] last = shown.get(shown.size() - 1);
            next = new ConversationCursor(from.asOf(), (Instant) last[ACTIVITY], ((Conversation) last[0]).id())
                    .encode();
        }
        return new ConversationPage(views, more, next);
    }

    /** One conversation of the viewer. */
    public ConversationView of(String viewer, long conversationId) {
        List<ConversationView> one = views(viewer, em.createNamedQuery(Conversation.ONE_OF_USER, Object[].class)
                .setParameter("user", viewer).setParameter("id", conversationId).getResultList());
        if (one.isEmpty()) {
            throw ChatException.forbidden("not a participant of conversation " + conversationId);
        }
        return one.get(0);
    }

    /**
     * One conversation of a participant, for a connection that joins its room: the membership is checked first
     * (FORBIDDEN otherwise, before anything is subscribed), then {@code subscribe} runs, then the view is read, so
     * that nothing committed between the subscription and the read is missed. One transaction for the three, and no
     * EJB around them: a reconnect storm joins a room per client.
     */
    @Transactional
    public ConversationView forJoin(String viewer, long conversationId, Runnable subscribe) {
        participants.require(conversationId, viewer);
        subscribe.run();
        return of(viewer, conversationId);
    }

    /** One participant as {@code viewer} sees it, or null when they are not in the conversation. */
    public ParticipantView participant(String viewer, long conversationId, String userId) {
        return participants(viewer, List.of(conversationId)).getOrDefault(conversationId, List.of()).stream()
                .filter(p -> p.userId().equals(userId)).findFirst().orElse(null);
    }

    private List<ConversationView> views(String viewer, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(row -> ((Conversation) row[0]).id()).toList();
        Map<Long, List<ParticipantView>> participants = participants(viewer, ids);
        List<ConversationView> views = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Conversation c = (Conversation) row[0];
            MessageView last = row[2] == null ? null : MessageView.of((Message) row[2]);
            List<ParticipantView> people = participants.getOrDefault(c.id(), List.of());
            GroupView group = group(row, people.size());
            views.add(new ConversationView(c.id(), c.kind(), c.title(), c.groupId(),
                    group == null ? null : group.inviteCode(), people, last, c.lastSeq(), c.createdAt(),
                    (Long) row[1], (Long) row[3], group, c.lastRev()));
        }
        return views;
    }

    /** The group's columns of a row, as the viewer (whose role is in the row) sees them; null without a group. */
    private static GroupView group(Object[] row, int members) {
        if (row[5] == null) {
            return null;
        }
        Conversation c = (Conversation) row[0];
        return new GroupView((Long) row[5], (String) row[6], (String) row[7], (String) row[8], (Instant) row[9],
                (Integer) row[10], (Integer) row[11], (Boolean) row[12], c.id(), (String) row[13],
                (Instant) row[14], members).seenAs((String) row[4]);
    }

    /**
     * Participants with presence (online, last seen) only where the viewer may see it, else offline and null; roles
     * only in a group's conversation. One statement reads them and whose presence the viewer may see.
     */
    private Map<Long, List<ParticipantView>> participants(String viewer, List<Long> ids) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNamedQuery(Membership.PARTICIPANTS).setParameter(1, viewer)
                .setParameter(2, ids).getResultList();
        Set<String> visible = new HashSet<>();
        for (Object[] row : rows) {
            if (Boolean.TRUE.equals(row[5])) {
                visible.add((String) row[1]);
            }
        }
        Set<String> online = presence.onlineAmong(visible);
        Map<Long, List<ParticipantView>> byConversation = new HashMap<>();
        for (Object[] row : rows) {
            String user = (String) row[1];
            boolean shown = Boolean.TRUE.equals(row[5]);
            byConversation.computeIfAbsent(((Number) row[0]).longValue(), id -> new ArrayList<>())
                    .add(new ParticipantView(user, (String) row[2], online.contains(user),
                            shown ? Timestamps.instant(row[3]) : null, (String) row[4]));
        }
        return byConversation;
    }
}
