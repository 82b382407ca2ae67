package io.flussreactive.internal.write;

import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.write.WriteResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Who waits for the records of one batch, in the batch's row order: each record's listener and
 * correlation metadata. The rows themselves are not kept: once in the batch they live in its
 * encoded form.
 */
final class PendingRecords {

    private final List<ResultListener<Object>> listeners = new ArrayList<>();
    private final List<Object> correlations = new ArrayList<>();

    @SuppressWarnings("unchecked")
    <T> void add(ResultListener<T> listener, T correlation) {
        listeners.add((ResultListener<Object>) (ResultListener<?>) listener);
        correlations.add(correlation);
    }

    int size() {
        return listeners.size();
    }

    /** Tells every record it was stored, at consecutive offsets from {@code baseOffset} (or -1 each). */
    void succeed(PhysicalBucket bucket, long baseOffset) {
        for (int i = 0; i < listeners.size(); i++) {
            long offset = baseOffset < 0 ? -1 : baseOffset + i;
            listeners.get(i).onResult(new WriteResult<>(correlations.get(i), bucket.bucket(), bucket.partitionName(), offset, null));
        }
    }

    /** Tells every record it failed. */
    void fail(PhysicalBucket bucket, Throwable error) {
        for (int i = 0; i < listeners.size(); i++) {
            int bucketId = bucket == null ? -1 : bucket.bucket();
            String partition = bucket == null ? null : bucket.partitionName();
            listeners.get(i).onResult(new WriteResult<>(correlations.get(i), bucketId, partition, -1, error));
        }
    }
}
