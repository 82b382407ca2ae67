package io.flussreactive.internal.write;

import io.flussreactive.internal.meta.TableLocations;
import io.flussreactive.row.Row;

/**
 * Picks the bucket of each row: by the hash of its bucket key, or (without one) sticky or round
 * robin. Used from the writer's serial executor.
 */
interface BucketChooser {

    /**
     * The bucket for {@code row} in the physical table {@code where}.
     *
     * @throws IllegalArgumentException when the row's bucket key cannot be encoded (a null key value)
     */
    int bucketFor(Row row, TableLocations where);

    /** A batch for this bucket of this physical table was closed: a sticky chooser moves on. */
    void batchClosed(long partitionId, int bucket);
}
