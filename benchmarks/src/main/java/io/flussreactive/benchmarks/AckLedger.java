package io.flussreactive.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a client reported for each row {@code 0..rows-1} of one write (acknowledged, failed, or nothing
 * yet), and the longest time it went without acknowledging anything. Safe to report from any thread.
 */
public final class AckLedger {

    private final int rows;
    private final AtomicIntegerArray acks;
    private final AtomicIntegerArray failures;
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private long startNanos;
    private long lastAckNanos;
    private long longestStallNanos;
    private long unreportedAtFinish = -1;

    /**
     * A ledger for rows {@code 0..rows-1}, nothing reported yet.
     *
     * @param rows how many rows the write has
     */
    public AckLedger(int rows) {
        this.rows = rows;
        this.acks = new AtomicIntegerArray(rows);
        this.failures = new AtomicIntegerArray(rows);
    }

    /** Marks the start of the write: the first stall is counted from here. */
    public synchronized void start() {
        startNanos = System.nanoTime();
        lastAckNanos = startNanos;
    }

    /**
     * Records that the client acknowledged a row.
     *
     * @param id the row
     */
    public void acked(int id) {
        acks.incrementAndGet(id);
        acked.incrementAndGet();
        long now = System.nanoTime();
        synchronized (this) {
            longestStallNanos = Math.max(longestStallNanos, now - lastAckNanos);
            lastAckNanos = Math.max(lastAckNanos, now);
        }
    }

    /**
     * Records that the client failed a row.
     *
     * @param id the row
     */
    public void failed(int id) {
        failures.incrementAndGet(id);
        failed.incrementAndGet();
    }

    /**
     * Marks the end of the write, when the client said it was done: the time since the last
     * acknowledgement counts as a stall too, and the rows without a result now stay
     * {@link #unreported()} even if a result comes later.
     *
     * @return seconds since {@link #start()}
     */
    public synchronized double finish() {
        long now = System.nanoTime();
        longestStallNanos = Math.max(longestStallNanos, now - lastAckNanos);
        unreportedAtFinish = countUnreported();
        return (now - startNanos) / 1e9;
    }

    /**
     * Returns how many rows were acknowledged so far.
     *
     * @return acknowledged rows
     */
    public long acked() {
        return acked.get();
    }

    /**
     * Returns how many rows failed so far.
     *
     * @return failed rows
     */
    public long failed() {
        return failed.get();
    }

    /**
     * Returns the rows that had neither result when the write finished (or now, before it has).
     *
     * @return how many rows had no result
     */
    public synchronized long unreported() {
        return unreportedAtFinish >= 0 ? unreportedAtFinish : countUnreported();
    }

    private long countUnreported() {
        long none = 0;
        for (int id = 0; id < rows; id++) {
            if (acks.get(id) == 0 && failures.get(id) == 0) {
                none++;
            }
        }
        return none;
    }

    /**
     * Returns the rows with more than one result, which a client should never give.
     *
     * @return how many rows were reported more than once
     */
    public long reportedMoreThanOnce() {
        long twice = 0;
        for (int id = 0; id < rows; id++) {
            if (acks.get(id) + failures.get(id) > 1) {
                twice++;
            }
        }
        return twice;
    }

    /**
     * Returns the longest time without an acknowledgement between {@link #start()} and {@link #finish()}.
     *
     * @return seconds
     */
    public synchronized double longestStallSeconds() {
        return longestStallNanos / 1e9;
    }

    /**
     * Writes the acknowledged rows as a bit set ({@link BitSet#toByteArray()}), for the program that
     * checks them against what was stored.
     *
     * @param file where to write
     * @throws IOException if it cannot be written
     */
    public void writeAcked(Path file) throws IOException {
        BitSet set = new BitSet(rows);
        for (int id = 0; id < rows; id++) {
            if (acks.get(id) > 0) {
                set.set(id);
            }
        }
        Files.write(file, set.toByteArray());
    }

    /**
     * Reads what {@link #writeAcked(Path)} wrote.
     *
     * @param file the file
     * @return the acknowledged rows
     * @throws IOException if it cannot be read
     */
    public static BitSet readAcked(Path file) throws IOException {
        return BitSet.valueOf(Files.readAllBytes(file));
    }
}
