package dev.enterprisechat.messages.control;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The conversations the writers have locked and found to be group conversations. A conversation's kind never changes,
 * and blocks are honoured in direct conversations only, so a batch whose conversations are all known groups needs no
 * read of blocks: one statement fewer in its round trip (on PostgreSQL a join of three tables per batch, about a
 * tenth of a one-send batch's database time).
 * <p>
 * Only conversations read under a batch's lock are learnt (never an id that was merely asked for: a conversation
 * created later under that id may be a direct one). Bounded: when full, everything is forgotten at once; a forgotten
 * group costs one read of blocks, and is learnt again.
 */
final class KnownGroups {

    private final Set<Long> groups = ConcurrentHashMap.newKeySet();
    private final int capacity;

    KnownGroups(int capacity) {
        this.capacity = capacity;
    }

    /** Whether every one of these conversations is known to be a group conversation. */
    boolean all(Collection<Long> conversationIds) {
        for (Long id : conversationIds) {
            if (!groups.contains(id)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Learns the kinds of the conversations a batch locked.
     *
     * @param locked the locked conversations (by id; those that exist)
     * @param direct the direct ones among them
     */
    void learn(Map<Long, ?> locked, Set<Long> direct) {
        if (groups.size() >= capacity) {
            groups.clear();
        }
        for (Long id : locked.keySet()) {
            if (!direct.contains(id)) {
                groups.add(id);
            }
        }
    }

    int size() {
        return groups.size();
    }
}
