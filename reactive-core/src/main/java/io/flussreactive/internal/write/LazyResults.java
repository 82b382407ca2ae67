package io.flussreactive.internal.write;

import io.flussreactive.write.WriteResult;
import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The outcomes of consecutive records of one batch, as a list whose results are made when read.
 *
 * <p>A batch holds tens of thousands of records, and its results wait in a writer stream until
 * downstream asks for them: made all at once they would outlive a young collection and be copied
 * into the old generation, where each was made to be dropped right after delivery. Made on read,
 * each lives only from its delivery to its consumption.
 *
 * @param <T> the type of the records' correlation metadata
 */
final class LazyResults<T> extends AbstractList<WriteResult<T>> implements RandomAccess {

    private final Object[] correlations;
    private final int first;
    private final int size;
    private final int bucket;
    private final String partitionName;
    private final long baseOffset;
    private final Throwable error;

    /**
     * @param correlations the batch's correlation metadata by record index, or null when it has none
     * @param first the batch index of the run's first record
     * @param size the number of records of the run
     * @param bucket the bucket id, or -1
     * @param partitionName the partition, or null
     * @param baseOffset the offset of the batch's first record, or -1 when unknown or failed
     * @param error why the records failed, or null when they were stored
     */
    LazyResults(Object[] correlations, int first, int size, int bucket, String partitionName, long baseOffset,
            Throwable error) {
        this.correlations = correlations;
        this.first = first;
        this.size = size;
        this.bucket = bucket;
        this.partitionName = partitionName;
        this.baseOffset = error != null ? -1 : baseOffset;
        this.error = error;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    @SuppressWarnings("unchecked")
    public WriteResult<T> get(int index) {
        Objects.checkIndex(index, size);
        int record = first + index;
        T correlation = correlations == null ? null : (T) correlations[record];
        long offset = baseOffset < 0 ? -1 : baseOffset + record;
        return new WriteResult<>(correlation, bucket, partitionName, offset, error);
    }
}
