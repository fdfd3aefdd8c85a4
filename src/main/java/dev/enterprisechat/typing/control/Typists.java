package dev.enterprisechat.typing.control;

import dev.enterprisechat.conversations.control.ParticipantLeft;
import dev.enterprisechat.conversations.control.TypingView;
import dev.enterprisechat.messages.control.MessageSent;
import dev.enterprisechat.protocol.Caller;
import dev.enterprisechat.rooms.Broadcast;
import dev.enterprisechat.rooms.Connection;
import dev.enterprisechat.rooms.ConnectionClosed;
import dev.enterprisechat.rooms.RoomLeft;
import dev.enterprisechat.scheduling.Timers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * Who is typing where. A typist is a user in a conversation; the typing ends when no {@code typing_start} refreshes
 * it within the window, on {@code typing_stop}, when the typist sends a message there, or when the connection that
 * typed leaves the room or closes. Only the start and the end are announced, to the room without the typist.
 */
@ApplicationScoped
public class Typists implements TypingView {

    public static final String TYPING = "typing";

    private final ConcurrentHashMap<Long, ConcurrentHashMap<String, Typing>> byConversation =
            new ConcurrentHashMap<>();

    @Inject
    Event<Broadcast> broadcasts;

    @Inject
    Timers timers;

    @Inject
    @ConfigProperty(name = "chat.typing.timeout", defaultValue = "6s")
    Duration window;

    /** Starts or refreshes the user's typing (on the caller's connection); announces only a start. */
    public void start(Caller connection, long conversationId) {
        String user = connection.userId();
        boolean[] started = {false};
        byConversation.computeIfAbsent(conversationId, id -> new ConcurrentHashMap<>()).compute(user, (id, old) -> {
            if (old == null) {
                started[0] = true;
            } else {
                old.expiry.cancel(false);
            }
            Typing typing = new Typing(connection.connectionId());
            typing.expiry = timers.schedule(() -> end(conversationId, user, typing), window);
            return typing;
        });
        if (started[0]) {
            announce(conversationId, user, true);
        }
    }

    /** Ends the user's typing in the conversation, if any. */
    public void stop(long conversationId, String user) {
        end(conversationId, user, null);
    }

    /** The connection left the room: its typing there ends. */
    private void left(Connection connection, long conversationId) {
        Map<String, Typing> typists = byConversation.get(conversationId);
        Typing typing = typists == null ? null : typists.get(connection.userId());
        if (typing != null && typing.connectionId.equals(connection.id())) {
            end(conversationId, connection.userId(), typing);
        }
    }

    /** The users typing in the conversation now. */
    @Override
    public List<String> typingIn(long conversationId) {
        return List.copyOf(byConversation.getOrDefault(conversationId, new ConcurrentHashMap<>()).keySet());
    }

    void leftRoom(@Observes RoomLeft event) {
        left(event.connection(), event.conversationId());
    }

    /** Sending a message ends the sender's typing there. */
    void sent(@Observes MessageSent event) {
        stop(event.conversationId(), event.senderId());
    }

    /** A user who left a conversation types there no more. */
    void leftConversation(@Observes(during = TransactionPhase.AFTER_SUCCESS) ParticipantLeft event) {
        stop(event.conversationId(), event.userId());
    }

    void closed(@Observes ConnectionClosed event) {
        Connection connection = event.connection();
        byConversation.forEach((conversationId, typists) -> {
            Typing typing = typists.get(connection.userId());
            if (typing != null && typing.connectionId.equals(connection.id())) {
                end(conversationId, connection.userId(), typing);
            }
        });
    }

    /** Ends {@code expected} (or whatever typing there is, when null) and announces it if it was still on. */
    private void end(long conversationId, String user, Typing expected) {
        Map<String, Typing> typists = byConversation.get(conversationId);
        if (typists == null) {
            return;
        }
        Typing removed = expected == null ? typists.remove(user) : typists.remove(user, expected) ? expected : null;
        if (removed != null) {
            removed.expiry.cancel(false);
            announce(conversationId, user, false);
        }
    }

    private void announce(long conversationId, String user, boolean typing) {
        broadcasts.fire(Broadcast.toRoom(TYPING, new TypingEvent(conversationId, user, typing), conversationId, user)
                .asDroppable());
    }

    /** The payload of a {@code typing} event. */
    public record TypingEvent(long conversationId, String userId, boolean typing) {
    }

    private static final class Typing {
        final String connectionId;
        volatile Future<?> expiry;

        Typing(String connectionId) {
            this.connectionId = connectionId;
        }
    }
}
