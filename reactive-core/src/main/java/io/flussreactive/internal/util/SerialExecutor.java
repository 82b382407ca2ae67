package io.flussreactive.internal.util;

import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
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
 */
public final class SerialExecutor implements Executor {

    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Queue<Runnable> tasks = Queues.<Runnable>unboundedMultiproducer().get();
    private final AtomicInteger pending = new AtomicInteger();

    @Override
    public void execute(Runnable task) {
        tasks.offer(task);
        if (pending.getAndIncrement() == 0) {
            runQueued();
        }
    }

    private void runQueued() {
        int missed = 1;
        for (;;) {
            for (int i = 0; i < missed; i++) {
                Runnable task = tasks.poll();
                try {
                    task.run();
                } catch (Throwable error) {
                    // One failing task must not stop the tasks after it.
                    log.error("A task of a serial executor failed", error);
                }
            }
            missed = pending.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }
}
