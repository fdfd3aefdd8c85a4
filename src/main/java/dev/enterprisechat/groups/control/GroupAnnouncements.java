package dev.enterprisechat.groups.control;

import dev.enterprisechat.conversations.entity.GroupView;
import dev.enterprisechat.conversations.entity.Membership;
import dev.enterprisechat.groups.entity.ChatGroup;
import dev.enterprisechat.rooms.Broadcast;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code group_updated} to every participant, each getting the group as they see it: plain members do not get the
 * invite code while members may not invite, so the group goes out in (at most) two versions.
 */
@ApplicationScoped
public class GroupAnnouncements {

    public static final String GROUP_UPDATED = "group_updated";

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<Broadcast> broadcasts;

    /** After the change is flushed; returns the group as {@code viewerRole} sees it, for the ack. */
    public GroupView groupUpdated(ChatGroup group, String viewerRole, String exceptConnection) {
        List<Object[]> roles = em.createNamedQuery(Membership.ROLES, Object[].class)
                .setParameter("id", group.conversationId()).getResultList();
        GroupView full = GroupViews.of(group, roles.size());
        Set<String> managers = new HashSet<>();
        Set<String> members = new HashSet<>();
        for (Object[] row : roles) {
            (GroupView.showsCodeTo((String) row[1], false) ? managers : members).add((String) row[0]);
        }
        send(full, managers, exceptConnection);
        send(full.seenAs(Membership.MEMBER), members, exceptConnection);
        return full.seenAs(viewerRole);
    }

    private void send(GroupView group, Set<String> users, String exceptConnection) {
        if (!users.isEmpty()) {
            broadcasts.fire(Broadcast.toUsers(GROUP_UPDATED, Map.of("group", group), users, exceptConnection));
        }
    }
}
