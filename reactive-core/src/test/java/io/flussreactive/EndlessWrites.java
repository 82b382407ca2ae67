package io.flussreactive;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flussreactive.row.Row;
import io.flussreactive.write.FlussWriter;
import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Endless {@code write(...)} streams, for tests of what ends them, and what became of their rows. Register
 * it as an instance field with {@code @RegisterExtension}: every write started in a test is disposed after
 * the test, however it ended, since one left running would fill the shared cluster's disk and starve it
 * for every later test.
 */
public final class EndlessWrites implements AfterEachCallback {

    private final List<EndlessWrite> started = new CopyOnWriteArrayList<>();

    /**
     * Starts writing rows {@code 0, 1, 2, ...} for ever, each correlated with its number, produced on a
     * thread of its own as a real source would be.
     */
    public EndlessWrite start(FlussWriter writer, IntFunction<Row> row) {
        return start(writer, row, rows -> rows.publishOn(Schedulers.parallel()));
    }

    /** Starts writing rows for ever, {@code producer} saying on which thread they are produced. */
    public EndlessWrite start(FlussWriter writer, IntFunction<Row> row,
            UnaryOperator<Flux<WriteRecord<Integer>>> producer) {
        EndlessWrite write = new EndlessWrite();
        Flux<WriteRecord<Integer>> rows = Flux.range(0, Integer.MAX_VALUE)
                .doOnNext(i -> write.emitted.incrementAndGet())
                .doOnCancel(() -> write.emittedAtCancel.set(write.emitted.get()))
                .map(i -> WriteRecord.of(row.apply(i), i))
                // As a real source: not fusable, so a cancelled publishOn discards only what it queued.
                .hide();
        Flux<WriteRecord<Integer>> handedOver = producer.apply(rows)
                .doOnNext(record -> write.handedOver.incrementAndGet())
                // Sees only what the producer's operators drop (a cancelled publishOn its queue), which Reactor
                // does on a best-effort basis: a row it loses while racing a cancel is no concern of the writer.
                .doOnDiscard(WriteRecord.class, record -> write.discardedUpstream.incrementAndGet());
        write.subscription = writer.write(handedOver)
                // Sees what the writer discards as well (the hooks add up).
                .doOnDiscard(WriteRecord.class, record -> write.discarded.incrementAndGet())
                .subscribe(write::count, write.error::set, () -> write.completed.set(true));
        started.add(write);
        return write;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(write -> write.subscription.dispose());
        started.clear();
    }

    /** One endless write and what became of its rows so far. */
    public static final class EndlessWrite {
        /** Rows upstream emitted. */
        public final AtomicLong emitted = new AtomicLong();
        /** Rows handed over to the writer's {@code write(...)}. */
        public final AtomicLong handedOver = new AtomicLong();
        /** Rows discarded, by the writer or by the producer's operators. */
        public final AtomicLong discarded = new AtomicLong();
        /** Rows the producer's operators discarded before handing them over. */
        public final AtomicLong discardedUpstream = new AtomicLong();
        /** Rows acknowledged. */
        public final AtomicLong succeeded = new AtomicLong();
        /** Rows with an odd number acknowledged. */
        public final AtomicLong succeededOdd = new AtomicLong();
        /** Rows that failed. */
        public final AtomicLong failed = new AtomicLong();
        /** Rows with an odd number that failed. */
        public final AtomicLong failedOdd = new AtomicLong();
        /** The exception types rows failed with. */
        public final Set<Class<?>> failureTypes = ConcurrentHashMap.newKeySet();
        /** The error that ended the results, or null. */
        public final AtomicReference<Throwable> error = new AtomicReference<>();
        /** Whether the results completed. */
        public final AtomicBoolean completed = new AtomicBoolean();
        /** Rows emitted when upstream was cancelled, or -1 while it was not. */
        public final AtomicLong emittedAtCancel = new AtomicLong(-1);
        /** The subscription to the results. */
        public Disposable subscription;

        private EndlessWrite() {}

        private void count(WriteResult<Integer> result) {
            boolean odd = result.correlation() % 2 != 0;
            if (result.isSuccess()) {
                succeeded.incrementAndGet();
                if (odd) {
                    succeededOdd.incrementAndGet();
                }
            } else {
                failureTypes.add(result.error().getClass());
                failed.incrementAndGet();
                if (odd) {
                    failedOdd.incrementAndGet();
                }
            }
        }

        /** Waits until {@code count} rows are acknowledged, failing if the results ended first. */
        public void awaitResults(long count) {
            await().atMost(TIMEOUT).until(() -> succeeded.get() >= count || error.get() != null);
            assertThat(error.get()).isNull();
        }

        /**
         * Upstream was told to stop, and stopped. A row or a few may still come while the cancel travels up
         * (an emission already under way on the producer's thread), so the check is that nothing comes later.
         */
        public void assertUpstreamStopped() {
            assertThat(emittedAtCancel.get()).isPositive();
            long stoppedAt = emitted.get();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            assertThat(emitted.get()).isEqualTo(stoppedAt);
        }

        /** Rows the writer discarded: handed over to it and not taken. */
        public long discardedByTheWriter() {
            return discarded.get() - discardedUpstream.get();
        }

        /** Every row handed over was acknowledged, failed or discarded untaken: none is unaccounted for. */
        public void assertEveryRowAccountedFor() {
            assertThat(succeeded.get() + failed.get() + discardedByTheWriter())
                    .as("succeeded %d + failed %d + discarded by the writer %d against handed over %d",
                            succeeded.get(), failed.get(), discardedByTheWriter(), handedOver.get())
                    .isEqualTo(handedOver.get());
        }
    }
}
