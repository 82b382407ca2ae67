package io.flussreactive.internal.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

    @Test
    void tasksRunInOrderOnTheSubmittingThreadWhenIdle() {
        List<String> ran = new ArrayList<>();
        SerialExecutor executor = new SerialExecutor();
        Thread caller = Thread.currentThread();
        executor.execute(() -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            ran.add("a");
            executor.execute(() -> ran.add("c"));
            ran.add("b");
        });
        assertThat(ran).containsExactly("a", "b", "c");
    }

    @Test
    void idleWorkLeftWhileTheExecutorIsHeldIsDoneByItsHolderBeforeLettingGo() throws Exception {
        Queue<String> left = new ConcurrentLinkedQueue<>();
        List<String> done = new ArrayList<>();
        List<Thread> doneOn = new ArrayList<>();
        SerialExecutor executor = new SerialExecutor(() -> !left.isEmpty(), () -> {
            String work;
            while ((work = left.poll()) != null) {
                done.add(work);
                doneOn.add(Thread.currentThread());
            }
        });
        assertThat(executor.tryEnter()).isTrue();
        Thread other = new Thread(() -> {
            left.add("settled");
            // Held: the other thread neither waits nor takes the executor.
            executor.doIdleWorkIfFree();
        });
        other.start();
        other.join(5_000);
        assertThat(done).isEmpty();
        executor.exit();
        assertThat(done).containsExactly("settled");
        assertThat(doneOn).containsExactly(Thread.currentThread());
    }

    @Test
    void idleWorkLeftWhileTheExecutorIsFreeIsDoneAtOnceByTheThreadThatLeftIt() {
        AtomicInteger left = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        SerialExecutor executor = new SerialExecutor(() -> left.get() > 0, () -> done.addAndGet(left.getAndSet(0)));
        left.incrementAndGet();
        executor.doIdleWorkIfFree();
        assertThat(done).hasValue(1);
    }

    @Test
    void noIdleWorkIsLostWhenLeftConcurrentlyWithManyHolders() throws Exception {
        AtomicInteger left = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        SerialExecutor executor = new SerialExecutor(() -> left.get() > 0, () -> done.addAndGet(left.getAndSet(0)));
        int perThread = 20_000;
        CountDownLatch finished = new CountDownLatch(2);
        Thread holder = new Thread(() -> {
            for (int i = 0; i < perThread; i++) {
                if (executor.tryEnter()) {
                    executor.exit();
                } else {
                    executor.execute(() -> { });
                }
            }
            finished.countDown();
        });
        Thread leaver = new Thread(() -> {
            for (int i = 0; i < perThread; i++) {
                left.incrementAndGet();
                executor.doIdleWorkIfFree();
            }
            finished.countDown();
        });
        holder.start();
        leaver.start();
        assertThat(finished.await(30, TimeUnit.SECONDS)).isTrue();
        // Every unit left was done by whoever held the executor last: none waits for a later holder.
        assertThat(left).hasValue(0);
        assertThat(done).hasValue(perThread);
    }
}
