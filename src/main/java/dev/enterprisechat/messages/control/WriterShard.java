package dev.enterprisechat.messages.control;

import jakarta.enterprise.concurrent.ManagedThreadFactory;

import javax.sql.DataSource;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The conversations of one shard and the writer threads that write them, each on a connection of its own. They take
 * turns: one gathers what queued up into a batch, and once that batch holds its conversations' row locks, the next
 * thread gathers the next batch while the first one writes and commits. So one batch's commit (its round trip and
 * the WAL flush) overlaps the next one's reads and the previous one's announcements, where one thread did them one
 * after the other. The batches are still announced and answered in the order they locked ({@link CommitOrder}), which
 * is each conversation's commit order; a batch of a conversation that a batch in flight holds waits for its lock.
 */
final class WriterShard {

    private static final Logger LOG = System.getLogger(WriterShard.class.getName());

    /** Writes a batch on a thread's session; false when the session's connection was lost. */
    interface Batches {
        boolean write(WriterSession session, List<Command> batch, CommitOrder.Place place);
    }

    private final BlockingQueue<Command> queue = new LinkedBlockingQueue<>();
    /** The turn to gather the next batch: held from taking the first command until the batch holds its locks. */
    private final Semaphore gathering = new Semaphore(1);
    private final CommitOrder order = new CommitOrder();
    private final List<Thread> threads = new ArrayList<>();
    private final DataSource dataSource;
    private final Batches batches;
    private final int maxBatch;
    private volatile boolean running = true;
    /**
     * How many times a thread of the shard lost its connection: the others' connections, idle meanwhile, went through
     * the same outage, so each opens a fresh one before its next batch rather than failing that batch on a dead one.
     */
    private final AtomicLong connectionsLost = new AtomicLong();

    WriterShard(DataSource dataSource, Batches batches, int maxBatch) {
        this.dataSource = dataSource;
        this.batches = batches;
        this.maxBatch = maxBatch;
    }

    /**
     * Starts the shard's threads, named {@code name-0}, {@code name-1}…
     *
     * @param busySince where each thread (from {@code firstSlot} on) keeps when its batch began, 0 while it waits
     */
    void start(ManagedThreadFactory factory, int count, String name, AtomicLongArray busySince, int firstSlot) {
        for (int i = 0; i < count; i++) {
            int slot = firstSlot + i;
            Thread writer = factory.newThread(() -> drain(busySince, slot));
            writer.setName(count == 1 ? name : name + "-" + i);
            threads.add(writer);
            writer.start();
        }
    }

    void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
    }

    int running() {
        return (int) threads.stream().filter(Thread::isAlive).count();
    }

    void add(Command command) {
        queue.add(command);
    }

    private void drain(AtomicLongArray busySince, int slot) {
        List<Command> batch = new ArrayList<>(maxBatch);
        WriterSession session = null;
        long lostBefore = 0;
        while (running) {
            try {
                gathering.acquire();
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                break;
            }
            boolean[] handedOver = {false};
            CommitOrder.Place place = order.place(() -> {
                handedOver[0] = true;
                gathering.release();
            });
            try {
                Command first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                busySince.set(slot, System.nanoTime() | 1);
                if (session != null && lostBefore != connectionsLost.get()) {
                    session.close();
                    session = null;
                }
                if (session == null) {
                    lostBefore = connectionsLost.get();
                    session = open(batch);
                    if (session == null) {
                        continue;
                    }
                }
                if (!batches.write(session, batch, place)) {
                    connectionsLost.incrementAndGet();
                    session.close();
                    session = null;
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException unexpected) {
                LOG.log(Level.ERROR, "Writer fault; its batch was answered with the fault", unexpected);
                // those answered already keep their answer
                batch.forEach(command -> command.result().completeExceptionally(unexpected));
            } finally {
                // never left holding the turn or a place, whatever happened to the batch
                place.finish();
                if (!handedOver[0]) {
                    gathering.release();
                }
                busySince.set(slot, 0);
                batch.clear();
            }
        }
        if (session != null) {
            session.close();
        }
        queue.forEach(command -> command.result().completeExceptionally(
                new IllegalStateException("server stopping")));
    }

    /** A session for the writer; null (the batch answered with the failure) when the database is out of reach. */
    private WriterSession open(List<Command> batch) {
        try {
            return WriterSession.open(dataSource);
        } catch (SQLException e) {
            MessageStore.StoreFailed failed = new MessageStore.StoreFailed(e);
            batch.forEach(command -> command.result().completeExceptionally(failed));
            return null;
        }
    }
}
