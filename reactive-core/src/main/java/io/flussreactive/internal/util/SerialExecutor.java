package io.flussreactive.internal.util;

import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
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
 *
 * <p>A thread that took the free executor to do idle work may still find tasks queued meanwhile by a
 * producer that hands over one task after another. Running them, it would go on running every task the
 * producer queues while it runs, for as long as the producer keeps ahead of it: the producer's work split
 * over two threads, each task through the queue. So when the executor is told that producers are
 * still at work ({@link #SerialExecutor(BooleanSupplier, Runnable, BooleanSupplier)}), that thread
 * <em>hands the executor back</em> instead: it lets go without running them, and the next thread that
 * takes the executor, or submits, or calls {@link #takeBackIfHandedBack()} (which a producer does when it
 * stops), runs them first; a thread that only leaves idle work leaves it for that one. No task is left
 * behind: a thread that hands back looks again whether producers are at work, after saying so, and a
 * producer that stops looks whether the executor was handed back, after saying so; one of them sees the
 * other.
 */
public final class SerialExecutor implements Executor {

    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Queue<Runnable> tasks = Queues.<Runnable>unboundedMultiproducer().get();
    private final AtomicInteger pending = new AtomicInteger();
    private final BooleanSupplier hasIdleWork;
    private final Runnable idleWork;
    private final BooleanSupplier producersAtWork;
    /**
     * Set when a thread that did idle work let go of the executor without running the tasks queued
     * meanwhile: its hold stays counted in {@link #pending}, for whoever clears this flag to take over.
     */
    private final AtomicBoolean handedBack = new AtomicBoolean();

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
        this(hasIdleWork, idleWork, () -> false);
    }

    /**
     * An executor with idle work, whose producers get back the tasks they queued while another thread did
     * idle work (see the class comment).
     *
     * @param hasIdleWork whether work was left (cheap: asked each time the executor is let go)
     * @param idleWork does the work left, on the executor
     * @param producersAtWork whether producers are at work that will submit again or call
     *     {@link #takeBackIfHandedBack()} when they stop (cheap, and volatile: asked after the hand-back)
     */
    public SerialExecutor(BooleanSupplier hasIdleWork, Runnable idleWork, BooleanSupplier producersAtWork) {
        this.hasIdleWork = hasIdleWork;
        this.idleWork = idleWork;
        this.producersAtWork = producersAtWork;
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
        } else if (takeHandedBack()) {
            exit();
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
        return tryEnterFree() || takeHandedBack();
    }

    /** Takes the executor if nobody holds it, nor was it handed back. */
    private boolean tryEnterFree() {
        return pending.get() == 0 && pending.compareAndSet(0, 1);
    }

    /**
     * Runs the tasks left by a thread that handed the executor back, if one did and nobody took them
     * since. Producers call it when they stop.
     */
    public void takeBackIfHandedBack() {
        if (takeHandedBack()) {
            exit();
        }
    }

    /**
     * Takes over the hold of a thread that handed the executor back, and runs the tasks queued before.
     *
     * @return whether this thread now holds the executor
     */
    private boolean takeHandedBack() {
        if (!handedBack.get() || !handedBack.compareAndSet(true, false)) {
            return false;
        }
        // The hold handed back is ours now: run what is queued besides it, and keep holding.
        runQueuedDownTo(1, pending.get() - 1);
        return true;
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
        // Only a free executor: one handed back is for the producers to take back, and whoever does so does
        // the idle work too when it lets go.
        while (hasIdleWork.getAsBoolean() && tryEnterFree()) {
            run(idleWork);
            if (leaveAfterIdleWork()) {
                return;
            }
        }
    }

    /**
     * Lets go after idle work. Tasks queued meanwhile are run here pass by pass, and before each pass the
     * executor is handed back instead if producers are at work: a producer that starts while this thread
     * runs its tasks would otherwise keep it running every task it queues.
     *
     * @return whether the executor was handed back (else it is free)
     */
    private boolean leaveAfterIdleWork() {
        while (!pending.compareAndSet(1, 0)) {
            if (handBack()) {
                return true;
            }
            runOnePass(pending.get() - 1);
        }
        return false;
    }

    /**
     * After idle work, with tasks queued meanwhile: lets go without running them if producers are at work,
     * which will take them back (see the class comment).
     *
     * @return whether the executor was handed back (else the caller still holds it)
     */
    private boolean handBack() {
        if (!producersAtWork.getAsBoolean()) {
            return false;
        }
        handedBack.set(true);
        // A producer that stopped meanwhile may have looked for a hand-back before it was made: look
        // again whether one is at work, and if not, take the tasks back unless someone already did.
        if (!producersAtWork.getAsBoolean() && handedBack.compareAndSet(true, false)) {
            return false;
        }
        return true;
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
        runQueuedDownTo(0, missed);
    }

    /**
     * Runs queued tasks while holding the executor until {@code held} is all that is left counted: 0 lets
     * go, 1 keeps holding.
     *
     * @param missed the tasks this call owns to begin with
     */
    private void runQueuedDownTo(int held, int missed) {
        while (missed > 0) {
            missed = runOnePass(missed) - held;
        }
    }

    /**
     * Runs {@code count} queued tasks while holding the executor and uncounts them.
     *
     * @return what is still counted: the hold, and the tasks submitted meanwhile
     */
    private int runOnePass(int count) {
        for (int i = 0; i < count; i++) {
            run(tasks.poll());
        }
        return pending.addAndGet(-count);
    }
}
