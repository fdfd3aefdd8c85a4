package dev.enterprisechat.rooms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** One instance: events go to this instance's connections once their change committed. */
@ApplicationScoped
public class LocalRelay implements Relay {

    @Inject
    Rooms rooms;

    @Override
    public boolean active() {
        return true;
    }

    @Override
    public void beforeCommit(Broadcast broadcast) {
        // nothing crosses to other instances
    }

    @Override
    public void afterCommit(Broadcast broadcast) {
        // written as JSON only if one of its recipients is connected here
        rooms.deliver(broadcast.routing(), Frame.of(broadcast::frame));
    }

    @Override
    public Staged stage(java.sql.Connection db, Announcements announcements, boolean commit) {
        return delivered -> {
            // each connection's share of the batch in one write
            rooms.deliver(announcements.announcements().stream()
                    .map(Announcement::broadcast)
                    .map(broadcast -> new Routed(broadcast.routing(), Frame.of(broadcast::frame)))
                    .toList());
            delivered.run();
        };
    }

    @Override
    public boolean stagesInTransaction() {
        return false;
    }

    @Override
    public boolean receiving() {
        return true;
    }
}
