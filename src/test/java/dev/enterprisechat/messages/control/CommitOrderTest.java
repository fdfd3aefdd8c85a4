package dev.enterprisechat.messages.control;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CommitOrderTest {

    private final CommitOrder order = new CommitOrder();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final BlockingQueue<String> announced = new LinkedBlockingQueue<>();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** Announces {@code name} on a thread of its own once its place comes. */
    private Future<?> announceInTurn(CommitOrder.Place place, String name) {
        return threads.submit(() -> {
            place.awaitTurn();
            announced.add(name);
            place.finish();
        });
    }

    @Test
    void aBatchThatLockedLaterWaitsForTheOneBefore() throws Exception {
        CommitOrder.Place first = order.place(() -> { });
        CommitOrder.Place second = order.place(() -> { });
        first.locked();
        second.locked();

        announceInTurn(second, "second");
        assertThat(announced.poll(200, TimeUnit.MILLISECONDS)).isNull();

        announceInTurn(first, "first");
        assertThat(announced.poll(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(announced.poll(5, TimeUnit.SECONDS)).isEqualTo("second");
    }

    @Test
    void theOrderIsThatOfLockingNotOfCreation() throws Exception {
        CommitOrder.Place createdFirst = order.place(() -> { });
        CommitOrder.Place createdSecond = order.place(() -> { });
        createdSecond.locked();
        createdFirst.locked();

        announceInTurn(createdFirst, "locked second");
        assertThat(announced.poll(200, TimeUnit.MILLISECONDS)).isNull();
        announceInTurn(createdSecond, "locked first").get(5, TimeUnit.SECONDS);

        assertThat(announced.poll(5, TimeUnit.SECONDS)).isEqualTo("locked first");
        assertThat(announced.poll(5, TimeUnit.SECONDS)).isEqualTo("locked second");
    }

    @Test
    void anAttemptThatRolledBackGivesItsPlaceUpAndTakesANewOneWhenItLocksAgain() throws Exception {
        CommitOrder.Place retried = order.place(() -> { });
        CommitOrder.Place other = order.place(() -> { });
        retried.locked();
        other.locked();
        // the retried batch rolled back and locked again after the other one
        retried.locked();

        announceInTurn(retried, "retried");
        assertThat(announced.poll(200, TimeUnit.MILLISECONDS)).isNull();
        announceInTurn(other, "other");

        assertThat(announced.poll(5, TimeUnit.SECONDS)).isEqualTo("other");
        assertThat(announced.poll(5, TimeUnit.SECONDS)).isEqualTo("retried");
    }

    @Test
    void aFailedBatchLetsTheNextOneGoWithoutAnnouncing() throws Exception {
        CommitOrder.Place failed = order.place(() -> { });
        CommitOrder.Place next = order.place(() -> { });
        failed.locked();
        next.locked();

        failed.finish();
        announceInTurn(next, "next").get(5, TimeUnit.SECONDS);

        assertThat(announced.poll()).isEqualTo("next");
    }

    @Test
    void theFirstLockHandsTheTurnOverOnceWhateverTheAttempts() {
        AtomicInteger handedOver = new AtomicInteger();
        CommitOrder.Place place = order.place(handedOver::incrementAndGet);

        place.locked();
        place.locked();

        assertThat(handedOver).hasValue(1);
    }

    @Test
    void aPartStoredAloneAfterItsBatchFailedHandsNothingOver() {
        AtomicInteger handedOver = new AtomicInteger();
        CommitOrder.Place batch = order.place(handedOver::incrementAndGet);

        batch.next().locked();

        assertThat(handedOver).hasValue(0);
    }

    @Test
    void aWaiterInterruptedWhileTheServerStopsReturns() throws Exception {
        CommitOrder.Place earlier = order.place(() -> { });
        CommitOrder.Place waiting = order.place(() -> { });
        earlier.locked();
        waiting.locked();

        announceInTurn(waiting, "waiting");
        assertThat(announced.poll(200, TimeUnit.MILLISECONDS)).isNull();
        threads.shutdownNow();

        assertThat(announced.poll(5, TimeUnit.SECONDS)).isEqualTo("waiting");
    }
}
