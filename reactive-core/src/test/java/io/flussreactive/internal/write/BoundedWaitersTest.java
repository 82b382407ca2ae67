package io.flussreactive.internal.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Waiters joining from many threads at once, up to the bound. */
class BoundedWaitersTest {

    @Test
    void waitersJoiningFromManyThreadsAreAllQueuedUpToTheBoundAndNoMore() throws InterruptedException {
        int threads = 8;
        int perThread = 128;
        BoundedWaiters<Integer> waiters = new BoundedWaiters<>(threads * perThread);
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> joiners = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t * perThread;
            Thread joiner = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = first; i < first + perThread; i++) {
                    if (!waiters.offer(i)) {
                        refused.incrementAndGet();
                    }
                }
            });
            joiner.start();
            joiners.add(joiner);
        }
        start.countDown();
        for (Thread joiner : joiners) {
            joiner.join();
        }

        assertThat(refused).as("waiters refused below the bound").hasValue(0);
        assertThat(waiters.offer(-1)).as("one past the bound").isFalse();
        List<Integer> taken = new ArrayList<>();
        Integer next;
        while ((next = waiters.poll()) != null) {
            taken.add(next);
        }
        assertThat(taken).hasSize(threads * perThread).doesNotHaveDuplicates();
        assertThat(waiters.offer(-1)).as("room again once taken").isTrue();
        assertThat(waiters.peek()).isEqualTo(-1);
    }
}
