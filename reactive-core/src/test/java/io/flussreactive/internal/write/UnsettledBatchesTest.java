package io.flussreactive.internal.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.internal.meta.PhysicalBucket;
import org.junit.jupiter.api.Test;

/** Which buckets have a batch closed and not settled, and when the last one settles. */
class UnsettledBatchesTest {

    private static final PhysicalBucket BUCKET_0 = new PhysicalBucket(7, -1, null, 0);
    private static final PhysicalBucket BUCKET_1 = new PhysicalBucket(7, -1, null, 1);
    private static final PhysicalBucket PARTITION_BUCKET = new PhysicalBucket(7, 42, "p1", 0);

    @Test
    void aBucketIsIdleUntilABatchClosesAndAgainOnceItsLastBatchSettles() {
        UnsettledBatches unsettled = new UnsettledBatches(2);
        assertThat(unsettled.isIdle(BUCKET_0)).isTrue();

        unsettled.closed(BUCKET_0);
        unsettled.closed(BUCKET_0);

        assertThat(unsettled.isIdle(BUCKET_0)).isFalse();
        assertThat(unsettled.isIdle(BUCKET_1)).as("another bucket").isTrue();
        assertThat(unsettled.settled(BUCKET_0, true)).as("one of two settled").isFalse();
        assertThat(unsettled.isIdle(BUCKET_0)).isFalse();
        assertThat(unsettled.settled(BUCKET_0, true)).as("the last one settled").isTrue();
        assertThat(unsettled.isIdle(BUCKET_0)).isTrue();
    }

    @Test
    void bucketsOfPartitionsAreCountedAndForgottenWhenIdle() {
        UnsettledBatches unsettled = new UnsettledBatches(0);

        unsettled.closed(PARTITION_BUCKET);

        assertThat(unsettled.isIdle(PARTITION_BUCKET)).isFalse();
        assertThat(unsettled.isIdle(new PhysicalBucket(7, 43, "p2", 0))).isTrue();
        assertThat(unsettled.settled(PARTITION_BUCKET, true)).isTrue();
        assertThat(unsettled.isIdle(PARTITION_BUCKET)).isTrue();
    }

    @Test
    void aSettlementOfABucketWithNothingCountedLeavesItIdle() {
        UnsettledBatches unsettled = new UnsettledBatches(2);

        assertThat(unsettled.settled(BUCKET_1, true)).isTrue();
        assertThat(unsettled.settled(PARTITION_BUCKET, true)).isTrue();
        assertThat(unsettled.isIdle(BUCKET_1)).isTrue();
    }

    @Test
    void aBucketWhoseBatchFailedIsBusyUntilOneOfItsBatchesIsStored() {
        UnsettledBatches unsettled = new UnsettledBatches(2);
        unsettled.closed(BUCKET_0);

        assertThat(unsettled.settled(BUCKET_0, false)).isFalse();
        assertThat(unsettled.isIdle(BUCKET_0)).as("nothing in flight, but its last batch failed").isFalse();
        unsettled.closed(BUCKET_0);
        assertThat(unsettled.settled(BUCKET_0, true)).isTrue();
        assertThat(unsettled.isIdle(BUCKET_0)).isTrue();

        unsettled.closed(PARTITION_BUCKET);
        assertThat(unsettled.settled(PARTITION_BUCKET, false)).isFalse();
        unsettled.closed(PARTITION_BUCKET);
        assertThat(unsettled.settled(PARTITION_BUCKET, true)).isTrue();
    }

    @Test
    void aForgottenPartitionKeepsNothingAndItsLateSettlementsChangeNothing() {
        UnsettledBatches unsettled = new UnsettledBatches(0);
        unsettled.closed(PARTITION_BUCKET);
        unsettled.closed(PARTITION_BUCKET);
        assertThat(unsettled.settled(PARTITION_BUCKET, false)).isFalse();

        unsettled.forgetPartition(PARTITION_BUCKET.partitionId());

        assertThat(unsettled.isIdle(PARTITION_BUCKET)).isTrue();
        assertThat(unsettled.settled(PARTITION_BUCKET, false)).as("a late failure of a batch closed before").isTrue();
        assertThat(unsettled.isIdle(PARTITION_BUCKET)).isTrue();
    }
}
