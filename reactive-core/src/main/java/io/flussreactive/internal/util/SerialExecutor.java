package io.flussreactive.internal.util;

import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.util.concurrent.Queues;

/**
 * Runs tasks one at a time, in submission order, on the threads that submit them, without locks.
 *
 * <p>A thread that submits while no task runs runs the queue itself until it is empty; a thread that
 * submits while another runs just enqueues. State touched only from tasks of one executor needs no
 * other synchronisation, and no thread ever waits for another (which a lock would do, and which
 * must never happen on an event loop).
 *
 * <p>The queue is unbounded as a structure; callers bound what they submit (rows are bounded by the
 * write buffer, responses by requests in flight, timers by batches).
 *
 * <p>An executor may have <em>idle work</em>: work that others leave for it without submitting a task
 * (see {@link #SerialExecutor(BooleanSupplier, Runnable)}). Whoever holds the executor does it before
 * letting go, so a thread that leaves work never has to take the executor from a busy holder, and
 * never ends up running the holder's queued tasks on its own thread.
 */
public final class SerialExecutor implements Executor {

    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Queue<Runnable> tasks = Queues.<Runnable>unboundedMultiproducer().get();
    private final AtomicInteger pending = new AtomicInteger();
    private final BooleanSupplier hasIdleWork;
    private final Runnable idleWork;

    /** An executor without idle work. */
    public SerialExecutor() {
        this(() -> false, () -> { });
    }

    /**
     * An executor with idle work.
     *
     * @param hasIdleWork whether work was left (cheap: asked each time the executor is let go)
     * @param idleWork does the work left, on the executor
     */
    public SerialExecutor(BooleanSupplier hasIdleWork, Runnable idleWork) {
        this.hasIdleWork = hasIdleWork;
        this.idleWork = idleWork;
    }

    @Override
    public void execute(Runnable task) {
        if (tryEnter()) {
            // Idle: run the task right away, without a trip through the queue.
            run(task);
            exit();
            return;
        }
        tasks.offer(task);
        if (pending.getAndIncrement() == 0) {
            runQueued(1);
            doIdleWorkIfFree();
        }
    }

    /**
     * Takes the executor if no task runs, so that the caller can do its work in place as if it were
     * a task, without making one (for hot paths). When this returns true, the caller must call
     * {@link #exit()} when done, also when its work fails.
     *
     * @return whether the executor was taken; if not, submit the work with {@link #execute}
     */
    public boolean tryEnter() {
        return pending.get() == 0 && pending.compareAndSet(0, 1);
    }

    /**
     * Gives back the executor taken with {@link #tryEnter()}, running the tasks submitted meanwhile and
     * the idle work left meanwhile.
     */
    public void exit() {
        leave();
        doIdleWorkIfFree();
    }

    /**
     * Does the idle work now on this thread if the executor is free; if it is held, its holder does it
     * before letting go. Call after leaving work.
     */
    public void doIdleWorkIfFree() {
        // Work left after the holder's last look finds the executor free, or is seen by the next holder.
        while (hasIdleWork.getAsBoolean() && tryEnter()) {
            run(idleWork);
            leave();
        }
    }

    private void leave() {
        int missed = pending.decrementAndGet();
        if (missed != 0) {
            runQueued(missed);
        }
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (Throwable error) {
            // One failing task must not stop the tasks after it.
            log.error("A task of a serial executor failed", error);
        }
    }

    /** Runs queued tasks while holding the executor, {@code missed} being the count this call owns. */
    private void runQueued(int missed) {
        for (;;) {
            for (int i = 0; i < missed; i++) {
                run(tasks.poll());
            }
            missed = pending.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }
}
