package io.flussreactive.internal.write;

import io.flussreactive.internal.meta.TableLocations;

/**
 * Picks the bucket of each row: by the hash of its bucket key, or (without one) sticky or round
 * robin. Used from the writer's serial executor.
 */
interface BucketChooser {

    /**
     * The bucket of a record in the physical table {@code where}.
     *
     * @param bucketKey the record's encoded bucket key, or null when the table has none
     * @param where the physical table's bucket leaders, or null while they are not known
     */
    int bucketFor(byte[] bucketKey, TableLocations where);

    /** A batch for this bucket of this physical table was closed: a sticky chooser moves on. */
    void batchClosed(long partitionId, int bucket);
}
