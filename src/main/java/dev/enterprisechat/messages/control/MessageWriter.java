package dev.enterprisechat.messages.control;

import dev.enterprisechat.cluster.control.ClusterSettings;
import dev.enterprisechat.cluster.control.EventLog;
import dev.enterprisechat.messages.entity.MessageView;
import dev.enterprisechat.operations.control.ChatMetrics;
import dev.enterprisechat.protocol.Faults;
import dev.enterprisechat.rooms.Broadcast;
import dev.enterprisechat.rooms.Broadcaster;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The path every message takes from "sent" to "stored" to "announced": a few writer threads, each owning the
 * conversations whose id falls in its shard. A writer takes every send waiting for it (group commit: one
 * transaction for the batch), and after the commit announces the new messages and answers the senders.
 * <p>
 * Because one thread writes a conversation and announces after its own commits, a conversation's
 * {@code new_message} events leave in seq order — whatever number of senders on whatever threads — with no
 * reordering buffer. Because the batch is whatever queued up while the previous one committed, a lone sender waits
 * for no one.
 */
@ApplicationScoped
public class MessageWriter {

    public static final String NEW_MESSAGE = "new_message";
    private static final Logger LOG = System.getLogger(MessageWriter.class.getName());

    @Inject
    MessageStore store;

    @Inject
    Broadcaster broadcaster;

    @Inject
    ClusterSettings cluster;

    @Inject
    EventLog eventLog;

    @Inject
    ChatMetrics metrics;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "chat.writer.threads", defaultValue = "2")
    int writerCount;

    @Inject
    @ConfigProperty(name = "chat.writer.max-batch", defaultValue = "256")
    int maxBatch;

    private volatile boolean running;
    /** Per writer: when the batch it is writing began (System.nanoTime), or 0 while it waits for work. */
    private AtomicLongArray busySince;
    private List<BlockingQueue<SendCommand>> queues;
    private List<Thread> writers;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        running = true;
        queues = new ArrayList<>(writerCount);
        writers = new ArrayList<>(writerCount);
        busySince = new AtomicLongArray(writerCount);
        for (int i = 0; i < writerCount; i++) {
            BlockingQueue<SendCommand> queue = new LinkedBlockingQueue<>();
            int index = i;
            Thread writer = threads.newThread(() -> drain(index, queue));
            writer.setName("chat-writer-" + i);
            queues.add(queue);
            writers.add(writer);
            writer.start();
        }
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        running = false;
        if (writers != null) {
            // null when the deployment failed before the writers started
            writers.forEach(Thread::interrupt);
        }
    }

    /** Writer threads alive (liveness). */
    public int runningWriters() {
        return writers == null ? 0 : (int) writers.stream().filter(Thread::isAlive).count();
    }

    public int writerCount() {
        return writerCount;
    }

    /** The longest time a writer has been writing its current batch (zero when all wait for work). */
    public Duration longestBatch() {
        long now = System.nanoTime();
        long longest = 0;
        for (int i = 0; busySince != null && i < busySince.length(); i++) {
            long since = busySince.get(i);
            if (since != 0) {
                longest = Math.max(longest, now - since);
            }
        }
        return Duration.ofNanos(longest);
    }

    /** Queues a send for the writer of its conversation. */
    public CompletableFuture<MessageView> submit(SendCommand command) {
        queues.get(Math.floorMod(Long.hashCode(command.conversationId()), queues.size())).add(command);
        return command.result();
    }

    private void drain(int index, BlockingQueue<SendCommand> queue) {
        List<SendCommand> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                SendCommand first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                busySince.set(index, System.nanoTime() | 1);
                write(batch);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException unexpected) {
                LOG.log(Level.ERROR, "Writer fault; its batch was answered with the fault", unexpected);
            } finally {
                busySince.set(index, 0);
                batch.clear();
            }
        }
        queue.forEach(command -> command.result().completeExceptionally(
                new IllegalStateException("server stopping")));
    }

    private void write(List<SendCommand> batch) {
        String ackKey = cluster.enabled() ? eventLog.newKey() : null;
        List<Outcome> outcomes;
        try {
            outcomes = store.store(batch, ackKey);
        } catch (RuntimeException fault) {
            if (batch.size() > 1 && !Faults.databaseUnavailable(fault)) {
                // a change the database refused fails alone: the others of its batch are stored one by one
                LOG.log(Level.WARNING, "A batch of {0} sends failed ({1}); storing them one by one", batch.size(),
                        fault.toString());
                batch.forEach(command -> write(List.of(command)));
                return;
            }
            batch.forEach(command -> command.result().completeExceptionally(fault));
            return;
        }
        metrics.persisted((int) outcomes.stream().filter(Outcome::isNew).count());
        answer(batch, outcomes, ackKey);
    }

    /**
     * Announces and answers a committed batch. Nothing here may withhold another send's ack or event: a failure to
     * announce one message is logged and the rest go on (its recipients catch up from the database with sync).
     */
    private void answer(List<SendCommand> batch, List<Outcome> outcomes, String ackKey) {
        List<Runnable> afterAnnouncement = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            SendCommand command = batch.get(i);
            Outcome outcome = outcomes.get(i);
            if (outcome.refusal() != null) {
                command.result().completeExceptionally(outcome.refusal());
            } else if (!outcome.isNew()) {
                command.result().complete(outcome.message());
            } else if (ackKey == null) {
                deliver(command, outcome);
                command.result().complete(outcome.message());
            } else {
                // the event log delivers this instance's announcements too: ack once they are out, not before
                afterAnnouncement.add(() -> command.result().complete(outcome.message()));
            }
        }
        if (!afterAnnouncement.isEmpty()) {
            eventLog.whenDelivered(ackKey, () -> afterAnnouncement.forEach(Runnable::run));
        }
    }

    private void deliver(SendCommand command, Outcome outcome) {
        try {
            broadcaster.deliver(announcement(command, outcome));
        } catch (RuntimeException fault) {
            LOG.log(Level.ERROR, "Message " + outcome.message().id() + " is stored but could not be announced", fault);
        }
    }

    /** The {@code new_message} event of a stored message: to every participant, except the sending connection. */
    static Broadcast announcement(SendCommand command, Outcome outcome) {
        return Broadcast.toUsers(NEW_MESSAGE, Map.of("message", outcome.message()), outcome.participants(),
                command.senderConnection());
    }
}
