package io.flussreactive.internal.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
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

    @Test
    void tasksQueuedDuringIdleWorkGoBackToTheProducerThatIsAtWork() throws Exception {
        List<String> ran = new ArrayList<>();
        List<Thread> ranOn = new ArrayList<>();
        Function<String, Runnable> record = name -> () -> {
            ran.add(name);
            ranOn.add(Thread.currentThread());
        };
        // The producer hands over two records while the other thread does its chores.
        SerialExecutor executor = handedBack(() -> true, record.apply("a"), record.apply("b"));
        // Handed back, not run by the thread that did the chores.
        assertThat(ran).isEmpty();
        // The producer's next record takes the executor back and runs them first, on its own thread.
        assertThat(executor.tryEnter()).isTrue();
        ran.add("c");
        ranOn.add(Thread.currentThread());
        executor.exit();
        assertThat(ran).containsExactly("a", "b", "c");
        assertThat(ranOn).containsOnly(Thread.currentThread());
        assertThat(executor.tryEnter()).isTrue();
        executor.exit();
    }

    @Test
    void tasksHandedBackRunWhenTheProducerStops() throws Exception {
        List<String> ran = new ArrayList<>();
        SerialExecutor executor = handedBackWithTwoTasks(ran, () -> true);
        assertThat(ran).isEmpty();
        executor.takeBackIfHandedBack();
        assertThat(ran).containsExactly("a", "b");
        // Free again.
        assertThat(executor.tryEnter()).isTrue();
        executor.exit();
        // Nothing handed back: nothing to do.
        executor.takeBackIfHandedBack();
        assertThat(ran).containsExactly("a", "b");
    }

    @Test
    void tasksHandedBackRunWhenAnotherThreadSubmits() throws Exception {
        List<String> ran = new ArrayList<>();
        SerialExecutor executor = handedBackWithTwoTasks(ran, () -> true);
        Thread other = new Thread(() -> executor.execute(() -> ran.add("c")));
        other.start();
        other.join(5_000);
        assertThat(ran).containsExactly("a", "b", "c");
    }

    @Test
    void idleWorkLeftAfterAHandBackIsDoneByTheProducerThatTakesItBack() throws Exception {
        List<String> ran = new ArrayList<>();
        List<Thread> ranOn = new ArrayList<>();
        AtomicInteger left = new AtomicInteger(1);
        AtomicBoolean moreWorkLeft = new AtomicBoolean();
        CountDownLatch idleWorkStarted = new CountDownLatch(1);
        CountDownLatch queued = new CountDownLatch(1);
        SerialExecutor executor = new SerialExecutor(() -> left.get() > 0 || moreWorkLeft.get(), () -> {
            if (moreWorkLeft.getAndSet(false)) {
                ran.add("chore");
                ranOn.add(Thread.currentThread());
                return;
            }
            left.set(0);
            idleWorkStarted.countDown();
            await(queued);
        }, () -> true);
        Thread chores = new Thread(executor::doIdleWorkIfFree);
        chores.start();
        assertThat(idleWorkStarted.await(5, TimeUnit.SECONDS)).isTrue();
        executor.execute(() -> {
            ran.add("a");
            ranOn.add(Thread.currentThread());
        });
        queued.countDown();
        chores.join(5_000);
        // Another thread leaves idle work: it neither takes the executor handed back nor runs the task.
        Thread timer = new Thread(() -> {
            moreWorkLeft.set(true);
            executor.doIdleWorkIfFree();
        });
        timer.start();
        timer.join(5_000);
        assertThat(ran).isEmpty();
        executor.takeBackIfHandedBack();
        assertThat(ran).containsExactly("a", "chore");
        assertThat(ranOn).containsOnly(Thread.currentThread());
    }

    @Test
    void withNoProducerAtWorkTheThreadThatDidIdleWorkRunsTheTasksItself() throws Exception {
        List<String> ran = new ArrayList<>();
        handedBackWithTwoTasks(ran, () -> false);
        assertThat(ran).containsExactly("a", "b");
    }

    @Test
    void aProducerThatStartsWhileTheThreadThatDidIdleWorkRunsItsTasksGetsTheRestBack() throws Exception {
        // No producer is at work when the idle work ends, so that thread runs the task queued meanwhile;
        // a producer starts while it does and queues another: that one goes back to the producer.
        List<String> ran = new ArrayList<>();
        AtomicBoolean atWork = new AtomicBoolean();
        SerialExecutor executor = queuedDuringIdleWork(atWork::get, queue -> queue.execute(() -> {
            ran.add("a");
            atWork.set(true);
            queue.execute(() -> ran.add("b"));
        }));
        assertThat(ran).containsExactly("a");
        executor.takeBackIfHandedBack();
        assertThat(ran).containsExactly("a", "b");
        assertThat(executor.tryEnter()).isTrue();
        executor.exit();
    }

    @Test
    void aProducerThatStopsAsTheExecutorIsHandedBackLeavesNothingBehind() throws Exception {
        // Producers are at work when the hand-back is considered, and not any more when it is made: the
        // thread handing back sees that and runs the tasks itself.
        List<String> ran = new ArrayList<>();
        AtomicInteger asked = new AtomicInteger();
        SerialExecutor executor = handedBackWithTwoTasks(ran, () -> asked.incrementAndGet() == 1);
        assertThat(ran).containsExactly("a", "b");
        assertThat(executor.tryEnter()).isTrue();
        executor.exit();
    }

    private static SerialExecutor handedBackWithTwoTasks(List<String> ran, BooleanSupplier producersAtWork)
            throws InterruptedException {
        return handedBack(producersAtWork, () -> ran.add("a"), () -> ran.add("b"));
    }

    /** The tasks are queued while another thread does idle work, which then lets go. */
    private static SerialExecutor handedBack(BooleanSupplier producersAtWork, Runnable... queuedTasks)
            throws InterruptedException {
        return queuedDuringIdleWork(producersAtWork, executor -> {
            for (Runnable task : queuedTasks) {
                executor.execute(task);
            }
        });
    }

    /** {@code submit} submits to the executor while another thread does idle work, which then lets go. */
    private static SerialExecutor queuedDuringIdleWork(BooleanSupplier producersAtWork,
            Consumer<SerialExecutor> submit) throws InterruptedException {
        CountDownLatch idleWorkStarted = new CountDownLatch(1);
        CountDownLatch queued = new CountDownLatch(1);
        AtomicInteger left = new AtomicInteger(1);
        SerialExecutor executor = new SerialExecutor(() -> left.get() > 0, () -> {
            left.set(0);
            idleWorkStarted.countDown();
            await(queued);
        }, producersAtWork);
        Thread chores = new Thread(executor::doIdleWorkIfFree);
        chores.start();
        assertThat(idleWorkStarted.await(5, TimeUnit.SECONDS)).isTrue();
        submit.accept(executor);
        queued.countDown();
        chores.join(5_000);
        return executor;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
