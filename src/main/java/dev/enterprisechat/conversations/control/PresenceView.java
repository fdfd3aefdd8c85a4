package dev.enterprisechat.conversations.control;

import java.util.Collection;
import java.util.Set;

/**
 * What conversation views need to know of presence, which the presence component owns (it depends on conversations,
 * not the other way round): who is online, and whose presence a viewer may see.
 */
public interface PresenceView {

    /** Which of the users are online (in the whole cluster). */
    Set<String> onlineAmong(Collection<String> users);

    /** Whose presence, among the users, the viewer may see. */
    Set<String> visibleTo(String viewer, Collection<String> users);
}
