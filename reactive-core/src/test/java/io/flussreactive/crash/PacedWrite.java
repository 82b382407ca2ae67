package io.flussreactive.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flussreactive.row.Row;
import io.flussreactive.write.FlussWriter;
import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * One {@code write(...)} of rows {@code 0..rows-1}, each correlated with its number, fed at a steady pace
 * as a real source would be, so that a crash arranged by a test lands in the middle of it; and what
 * became of each row.
 */
final class PacedWrite {

    /** How long a crashed write may take to end: well above the writer's delivery timeout. */
    static final Duration END_TIMEOUT = Duration.ofMinutes(3);

    final int rows;
    /** Rows handed to the writer so far. */
    final AtomicInteger emitted = new AtomicInteger();
    final AtomicLong acked = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    /** Results per row: acknowledgements. */
    private final AtomicIntegerArray acks;
    /** Results per row: failures. */
    private final AtomicIntegerArray failures;
    /** The exception types rows failed with, and how many rows each. */
    private final Map<String, Integer> failureTypes = new TreeMap<>();
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private volatile boolean completed;
    private Disposable subscription;

    private PacedWrite(int rows) {
        this.rows = rows;
        this.acks = new AtomicIntegerArray(rows);
        this.failures = new AtomicIntegerArray(rows);
    }

    /**
     * Starts writing: {@code rowsPerTick} rows every {@code tick}, so that the write lasts about
     * {@code rows / rowsPerTick} ticks.
     */
    static PacedWrite start(FlussWriter writer, int rows, int rowsPerTick, Duration tick, IntFunction<Row> row) {
        PacedWrite write = new PacedWrite(rows);
        int ticks = (rows + rowsPerTick - 1) / rowsPerTick;
        Flux<WriteRecord<Integer>> source = Flux.range(0, ticks)
                .delayElements(tick)
                .concatMap(t -> Flux.range(t * rowsPerTick, Math.min(rowsPerTick, rows - t * rowsPerTick)))
                .doOnNext(i -> write.emitted.incrementAndGet())
                .map(i -> WriteRecord.of(row.apply(i), i));
        write.subscription = writer.write(source)
                .subscribe(write::count, write.error::set, () -> write.completed = true);
        return write;
    }

    private void count(WriteResult<Integer> result) {
        int id = result.correlation();
        if (result.isSuccess()) {
            acks.incrementAndGet(id);
            acked.incrementAndGet();
        } else {
            failures.incrementAndGet(id);
            failed.incrementAndGet();
            synchronized (failureTypes) {
                failureTypes.merge(result.error().getClass().getSimpleName(), 1, Integer::sum);
            }
        }
    }

    /** Waits until at least {@code count} rows were handed to the writer. */
    void awaitEmitted(int count) {
        await().atMost(END_TIMEOUT).until(() -> emitted.get() >= count || error.get() != null || completed);
        assertThat(error.get()).as("the write's results failed").isNull();
    }

    /**
     * Waits until the write's results end, and checks that they completed (rather than failed) and that
     * every row has exactly one result.
     */
    void awaitEndWithOneResultPerRow() {
        await().atMost(END_TIMEOUT).until(() -> completed || error.get() != null);
        assertThat(error.get()).as("the write's results failed").isNull();
        assertThat(emitted.get()).isEqualTo(rows);
        List<Integer> unreported = new ArrayList<>();
        List<Integer> reportedTwice = new ArrayList<>();
        for (int id = 0; id < rows; id++) {
            int results = acks.get(id) + failures.get(id);
            if (results == 0) {
                unreported.add(id);
            } else if (results > 1) {
                reportedTwice.add(id);
            }
        }
        assertThat(unreported).as("rows without a result").isEmpty();
        assertThat(reportedTwice).as("rows with more than one result").isEmpty();
    }

    boolean isAcked(int id) {
        return acks.get(id) > 0;
    }

    /** The exception types rows failed with (simple class names), and how many rows each. */
    Map<String, Integer> failureTypes() {
        synchronized (failureTypes) {
            return new TreeMap<>(failureTypes);
        }
    }

    /** What the failed rows failed with, for messages. */
    String failureSummary() {
        synchronized (failureTypes) {
            return failed.get() + " failed " + failureTypes;
        }
    }

    /**
     * Checks what is stored against what was acknowledged: {@code storedCounts[id]} is how many times row
     * {@code id} is stored. An acknowledged row is stored exactly once; a failed row at most once.
     */
    void assertStoredExactlyOnceIfAcked(int[] storedCounts) {
        List<Integer> lost = new ArrayList<>();
        List<Integer> duplicated = new ArrayList<>();
        for (int id = 0; id < rows; id++) {
            if (storedCounts[id] > 1) {
                duplicated.add(id);
            } else if (storedCounts[id] == 0 && isAcked(id)) {
                lost.add(id);
            }
        }
        assertThat(duplicated).as("rows stored more than once (%s)", failureSummary()).isEmpty();
        assertThat(lost).as("acknowledged rows not stored (%s)", failureSummary()).isEmpty();
    }

    /** Stops the write if a test ended early. */
    void dispose() {
        subscription.dispose();
    }
}
