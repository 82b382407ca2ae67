package io.flussreactive.internal.write;

import io.flussreactive.internal.util.SerialExecutor;
import java.util.Collection;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The writer id an idempotent writer stamps into its batches: asked for from the cluster when there
 * is none, and given up once the server no longer knows the writer's sequences.
 *
 * <p>Giving it up is a reset in two steps: {@link #startReset()} holds back every bucket, and once no
 * batch is in flight under the old id, {@link #finishResetIfNothingInFlight} starts every bucket again
 * from sequence 0 and forgets the id, so that the next send asks for a new one.
 *
 * <p>Used only from the writer's {@link SerialExecutor}; the answer to a request comes back onto it.
 */
final class CurrentWriterId {

    private static final Logger log = LoggerFactory.getLogger(CurrentWriterId.class);

    private static final long NO_WRITER_ID = -1;

    private final Supplier<Mono<Long>> newWriterId;
    private final SerialExecutor serial;
    private final String writerName;
    private final Runnable onReceived;
    private final Runnable onRequestFailed;

    private long writerId = NO_WRITER_ID;
    private boolean requested;
    private boolean resetting;

    /**
     * @param newWriterId asks the cluster for a new writer id
     * @param serial the writer's executor, where the answer is handled
     * @param writerName names the writer in log messages
     * @param onReceived runs on {@code serial} once a new id is known
     * @param onRequestFailed runs on {@code serial} when no id could be had (it is asked for again later)
     */
    CurrentWriterId(Supplier<Mono<Long>> newWriterId, SerialExecutor serial, String writerName, Runnable onReceived,
            Runnable onRequestFailed) {
        this.newWriterId = newWriterId;
        this.serial = serial;
        this.writerName = writerName;
        this.onReceived = onReceived;
        this.onRequestFailed = onRequestFailed;
    }

    /** Whether there is an id to stamp batches with. */
    boolean isKnown() {
        return writerId != NO_WRITER_ID;
    }

    /** The id to stamp batches with; only while {@link #isKnown()}. */
    long value() {
        return writerId;
    }

    /** Asks the cluster for a new id, unless a request is under way. */
    void request() {
        if (requested) {
            return;
        }
        requested = true;
        newWriterId.get().subscribe(
                id -> serial.execute(() -> {
                    requested = false;
                    writerId = id;
                    log.debug("{}: writer id {}", writerName, id);
                    onReceived.run();
                }),
                error -> serial.execute(() -> {
                    requested = false;
                    log.warn("{}: could not get a writer id, will try again: {}", writerName, error.toString());
                    onRequestFailed.run();
                }));
    }

    /** Whether the id is being given up: no bucket sends until the reset is finished. */
    boolean isResetting() {
        return resetting;
    }

    /** The server's record of the writer's sequences can no longer be trusted: the id is to be given up. */
    void startReset() {
        resetting = true;
    }

    /**
     * Finishes a reset once none of these buckets has a batch in flight under the old id: each starts
     * again from sequence 0, and the id is forgotten.
     */
    void finishResetIfNothingInFlight(Collection<BucketState> buckets) {
        if (!resetting) {
            return;
        }
        for (BucketState bucket : buckets) {
            if (bucket.hasInFlight()) {
                return;
            }
        }
        for (BucketState bucket : buckets) {
            bucket.startAgainFromZero();
        }
        writerId = NO_WRITER_ID;
        resetting = false;
    }
}
