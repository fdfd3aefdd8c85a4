package dev.enterprisechat.messages.control;

import dev.enterprisechat.messages.entity.MessageView;
import dev.enterprisechat.protocol.Faults;
import dev.enterprisechat.storage.SchemaMigration;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The ordered write path: every change to a conversation ({@link Command}: a send, an edit, a deletion, a reaction)
 * goes from "asked" to "stored" to "announced" here. Shards (one unless {@code chat.writer.threads} says more) each
 * own the conversations whose id falls in them ({@link WriterShard}). A shard's writer thread takes every command
 * waiting for it (group commit: one transaction for the batch), and after the commit announces the changes and
 * answers the senders; with {@code chat.writer.pipeline=2}, a shard's second thread gathers the next batch once
 * this one holds its locks.
 * <p>
 * Because a shard announces its batches in the order they locked their conversations ({@link CommitOrder}), which is
 * each conversation's commit order, a conversation's {@code new_message} and {@code message_updated} events leave in
 * rev order — whatever number of senders on whatever threads — with no reordering buffer. Because the batch is
 * whatever queued up while the previous one was in flight, a lone sender waits for no one.
 */
@ApplicationScoped
public class MessageWriter {

    private static final Logger LOG = System.getLogger(MessageWriter.class.getName());

    @Inject
    MessageStore store;

    @Resource(lookup = SchemaMigration.DATASOURCE)
    DataSource dataSource;

    @Inject
    Event<MessagesPersisted> persisted;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "chat.writer.threads")
    Optional<Integer> writerThreads;

    @Inject
    @ConfigProperty(name = "chat.writer.max-batch", defaultValue = "256")
    int maxBatch;

    /**
     * Writer threads per shard, each on its own connection: one batch is gathered and locked while the one before it
     * commits (see {@link WriterShard}). One by default: two store a third more where the database is a round trip
     * away, but after a database outage the thread that sat it out fails its first batch on its dead connection
     * (answered UNAVAILABLE, retryable; docs/benchmarks.md, 2026-12-08); in cluster mode two store 15-20 % less.
     */
    @Inject
    @ConfigProperty(name = "chat.writer.pipeline", defaultValue = "1")
    int pipeline;

    private int writerCount;
    /** Per writer thread: when the batch it is writing began (System.nanoTime), or 0 while it waits for work. */
    private AtomicLongArray busySince;
    private List<WriterShard> shards;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // unset: one shard, whose batches gather what two would split: fewer commits, each carrying more (at 16
        // senders 1.36x the messages/s of two writers, at 64 1.12x, at a third less database CPU per message;
        // docs/benchmarks.md, 2026-12-07). In cluster mode two could not share WAL flushes anyway: PostgreSQL
        // serialises notifying commits server-wide.
        int shardCount = writerThreads.orElse(1);
        int depth = Math.max(1, pipeline);
        writerCount = shardCount * depth;
        busySince = new AtomicLongArray(writerCount);
        shards = new ArrayList<>(shardCount);
        for (int i = 0; i < shardCount; i++) {
            WriterShard shard = new WriterShard(dataSource, this::write, maxBatch);
            shard.start(threads, depth, "chat-writer-" + i, busySince, i * depth);
            shards.add(shard);
        }
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        if (shards != null) {
            // null when the deployment failed before the writers started
            shards.forEach(WriterShard::stop);
        }
    }

    /** Writer threads alive (liveness). */
    public int runningWriters() {
        return shards == null ? 0 : shards.stream().mapToInt(WriterShard::running).sum();
    }

    /** Writer threads started. */
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

    /** Queues a command for the writers of its conversation. */
    public CompletableFuture<MessageView> submit(Command command) {
        shards.get(Math.floorMod(Long.hashCode(command.conversationId()), shards.size())).add(command);
        return command.result();
    }

    /**
     * Stores the batch, then, in its place in the shard's commit order, announces and answers it.
     *
     * @return false when the session's connection is lost (the writer opens another for its next batch)
     */
    private boolean write(WriterSession session, List<Command> batch, CommitOrder.Place place) {
        MessageStore.Stored stored;
        try {
            stored = store.store(session, batch, place::locked);
        } catch (RuntimeException fault) {
            // rolled back: nothing to announce, and its one-by-one attempts below take places of their own
            place.finish();
            boolean lost = Faults.databaseUnavailable(fault);
            if (batch.size() > 1 && !lost) {
                // a change the database refused fails alone: the others of its batch are stored one by one
                LOG.log(Level.WARNING, "A batch of {0} commands failed ({1}); storing them one by one", batch.size(),
                        fault.toString());
                boolean alive = true;
                for (Command command : batch) {
                    alive = alive ? write(session, List.of(command), place.next())
                            : failed(command, MessageStore.StoreFailed.CONNECTION_LOST);
                }
                return alive;
            }
            batch.forEach(command -> command.result().completeExceptionally(fault));
            return !lost;
        }
        place.awaitTurn();
        try {
            stored(batch, stored.outcomes());
            answer(batch, stored);
        } finally {
            place.finish();
        }
        return true;
    }

    private static boolean failed(Command command, RuntimeException fault) {
        command.result().completeExceptionally(fault);
        return false;
    }

    private void stored(List<Command> batch, List<Outcome> outcomes) {
        int stored = 0;
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) instanceof SendCommand && outcomes.get(i).isNew()) {
                stored++;
            }
        }
        if (stored > 0) {
            persisted.fire(new MessagesPersisted(stored));
        }
    }

    /**
     * Answers a committed batch: refusals and retries at once, new changes once the relay delivered their
     * announcements on this instance (a sender's ack never overtakes the events before it). Nothing here may withhold
     * another command's answer: a failure to announce is logged and the rest go on (recipients catch up with sync).
     */
    private void answer(List<Command> batch, MessageStore.Stored stored) {
        List<Runnable> afterAnnouncement = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Command command = batch.get(i);
            Outcome outcome = stored.outcomes().get(i);
            if (outcome.refusal() != null) {
                command.result().completeExceptionally(outcome.refusal());
            } else if (!outcome.isNew()) {
                command.result().complete(outcome.message());
            } else {
                afterAnnouncement.add(() -> command.result().complete(outcome.message()));
            }
        }
        try {
            stored.announcements().afterCommit(() -> afterAnnouncement.forEach(Runnable::run));
        } catch (RuntimeException fault) {
            LOG.log(Level.ERROR, "A stored batch could not be announced; its senders are answered", fault);
            afterAnnouncement.forEach(Runnable::run);
        }
    }
}
