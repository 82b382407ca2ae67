package io.flussreactive.internal.write;

import io.flussreactive.internal.util.SerialExecutor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The newest writer id an idempotent writer has from the cluster: a bucket that has none yet, or gave
 * its own up (see {@link BucketState}), takes this one. Asked for when there is none; forgotten when a
 * bucket gives it up, so that the next bucket to need one gets a newer id.
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

    /**
     * A bucket gave this id up: if it is still the newest, it is forgotten, so that the bucket starts
     * again under a newer one. Buckets that count under it keep it.
     */
    void givenUp(long id) {
        if (id == writerId) {
            writerId = NO_WRITER_ID;
        }
    }
}
