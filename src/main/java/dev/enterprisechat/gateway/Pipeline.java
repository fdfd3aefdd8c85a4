package dev.enterprisechat.gateway;

import dev.enterprisechat.protocol.Envelope;
import dev.enterprisechat.rooms.Connection;

import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A connection's requests between arrival and answer. The protocol promises that a connection's requests are
 * processed one at a time, in order, and answered in that order; a request whose handler is
 * {@linkplain dev.enterprisechat.protocol.Handler#pipelined() pipelined} (a send) may start while the ones before it
 * are still unanswered, so that a client that pipelines sends has them written in one batch rather than one commit
 * each. Any other request waits until everything before it is answered (a {@code load_messages} after a send sees
 * that send), and answers always leave in request order, whichever finishes first.
 * <p>
 * Requests start on the connection's socket thread when nothing holds them back; held ones are started by a worker
 * once the answers they wait for have left (never on the writer thread that answered).
 */
final class Pipeline {

    /** One request: whether it may start while others are unanswered, and how it starts (its answer, to come). */
    record Item(boolean overlaps, Supplier<CompletionStage<Envelope>> start) {
    }

    private static final class Slot {
        Envelope answer;
    }

    private final Connection connection;
    private final Dispatcher dispatcher;
    private final Executor workers;
    private final ArrayDeque<Slot> unanswered = new ArrayDeque<>(2);
    private final ArrayDeque<Item> held = new ArrayDeque<>(2);
    private boolean draining;

    Pipeline(Connection connection, Dispatcher dispatcher, Executor workers) {
        this.connection = connection;
        this.dispatcher = dispatcher;
        this.workers = workers;
    }

    Connection connection() {
        return connection;
    }

    /** A request arrived: started now, or held behind the ones it must wait for. */
    void submit(Item item) {
        synchronized (this) {
            if (draining || !held.isEmpty() || !unanswered.isEmpty() && !item.overlaps()) {
                held.add(item);
                return;
            }
        }
        start(item);
    }

    private void start(Item item) {
        Slot slot = new Slot();
        synchronized (this) {
            unanswered.add(slot);
        }
        item.start().get().whenComplete((answer, never) -> answered(slot, answer));
    }

    /** Sends every answer at the head that is ready, in order; resumes held requests once nothing is unanswered. */
    private void answered(Slot slot, Envelope answer) {
        boolean resume;
        synchronized (this) {
            slot.answer = answer;
            while (!unanswered.isEmpty() && unanswered.peek().answer != null) {
                dispatcher.send(connection, unanswered.poll().answer);
            }
            resume = unanswered.isEmpty() && !held.isEmpty() && !draining;
            if (resume) {
                draining = true;
            }
        }
        if (resume) {
            workers.execute(this::drain);
        }
    }

    /** Starts held requests in order, until one must wait for an answer still to come (its completion resumes). */
    private void drain() {
        while (true) {
            Item next;
            synchronized (this) {
                next = held.peek();
                if (next == null || !unanswered.isEmpty() && !next.overlaps()) {
                    draining = false;
                    return;
                }
                held.poll();
            }
            start(next);
        }
    }
}
