package io.flussreactive.internal.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.error.UnknownWriterIdException;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** How one bucket numbers its batches, holds them back after a failure, and renumbers what is left. */
class BucketStateTest {

    private static final PhysicalBucket BUCKET = new PhysicalBucket(7, -1, null, 0);
    private static final int MAX_IN_FLIGHT = 5;
    private static final long NOW = 0;

    private final BucketState state = new BucketState();

    @Test
    void batchesAreNumberedInTheOrderTheyLeaveAndABatchSentAgainKeepsItsSequence() {
        WriteBatch first = readyBatch();
        WriteBatch second = readyBatch();

        assertThat(send()).isSameAs(first);
        assertThat(send()).isSameAs(second);
        assertThat(first.sequence()).isZero();
        assertThat(second.sequence()).isEqualTo(1);

        state.number(first);
        assertThat(first.sequence()).isZero();
    }

    /**
     * The second of three batches in flight fails for good: nothing leaves until the third has
     * answered too, then the third is numbered right after the last acknowledged, and the batch never
     * sent gets the sequence after it.
     */
    @Test
    void afterAFailureWhatIsLeftIsRenumberedFromTheLastAcknowledgedOnceNothingIsInFlight() {
        WriteBatch first = readyBatch();
        WriteBatch second = readyBatch();
        WriteBatch third = readyBatch();
        WriteBatch unsent = readyBatch();
        send();
        send();
        send();

        state.answered();
        state.acknowledged(first);
        state.answered();
        state.remove(second);
        second.state(WriteBatch.State.READY);
        state.startRecovery();
        state.finishRecoveryIfNothingInFlight();

        assertThat(third.sequence()).isEqualTo(2);
        assertThat(state.sendableBatch(MAX_IN_FLIGHT, NOW)).isNull();

        state.answered();
        third.state(WriteBatch.State.READY);
        state.finishRecoveryIfNothingInFlight();

        assertThat(third.sequence()).isEqualTo(1);
        assertThat(unsent.sequence()).isEqualTo(WriteBatch.NO_SEQUENCE);
        assertThat(send()).isSameAs(third);
        assertThat(send()).isSameAs(unsent);
        assertThat(unsent.sequence()).isEqualTo(2);
    }

    @Test
    void onlyTheOldestUnsettledBatchNumberedRightAfterTheLastAcknowledgedFollowsIt() {
        WriteBatch first = readyBatch();
        WriteBatch second = readyBatch();
        WriteBatch third = readyBatch();
        send();
        send();
        send();
        state.answered();
        state.acknowledged(first);

        assertThat(state.followsLastAcknowledged(second)).isTrue();
        assertThat(state.followsLastAcknowledged(third)).isFalse();
    }

    @Test
    void givingUpTheWriterIdWaitsForTheBatchesInFlightThenStartsAgainFromZeroWithNoId() {
        state.useWriterId(100);
        WriteBatch first = readyBatch();
        WriteBatch second = readyBatch();
        send();
        send();
        state.answered();
        state.acknowledged(first);
        state.giveUpWriterId(new UnknownWriterIdException("writer 100 is unknown"));

        assertThat(state.finishRecoveryIfNothingInFlight()).isEqualTo(BucketState.NO_WRITER_ID);
        assertThat(state.writerId()).isEqualTo(100);
        assertThat(second.sequence()).isEqualTo(1);

        state.answered();
        second.state(WriteBatch.State.READY);
        assertThat(state.whyGivingUpWriterId()).hasMessageContaining("writer 100 is unknown");
        assertThat(state.finishRecoveryIfNothingInFlight()).isEqualTo(100);
        assertThat(state.whyGivingUpWriterId()).isNull();

        assertThat(state.writerId()).isEqualTo(BucketState.NO_WRITER_ID);
        assertThat(second.sequence()).isEqualTo(WriteBatch.NO_SEQUENCE);
        state.useWriterId(101);
        assertThat(send()).isSameAs(second);
        assertThat(second.sequence()).isZero();
    }

    @Test
    void aBucketCountingUnderAWriterIdTakesNoOtherUntilItGivesItsOwnUp() {
        state.useWriterId(100);

        assertThatThrownBy(() -> state.useWriterId(101)).isInstanceOf(IllegalStateException.class);
        assertThat(state.writerId()).isEqualTo(100);
    }

    @Test
    void aBatchLeavesNeitherBeyondTheInFlightLimitNorBeforeItsBackoffPassed() {
        readyBatch();
        WriteBatch second = readyBatch();
        send();

        assertThat(state.sendableBatch(1, NOW)).isNull();
        assertThat(state.hasReady()).isTrue();

        second.notBeforeNanos(NOW + 1);
        assertThat(state.sendableBatch(MAX_IN_FLIGHT, NOW)).isNull();
        assertThat(state.sendableBatch(MAX_IN_FLIGHT, NOW + 1)).isSameAs(second);
    }

    /** A batch added to the bucket, encoded and waiting to be sent. */
    private WriteBatch readyBatch() {
        WriteBatch batch = new WriteBatch(BUCKET, new PendingRecords(), 0, Long.MAX_VALUE,
                (bytes, writerId, sequence) -> {
                });
        batch.encoded(Unpooled.buffer(1));
        state.add(batch);
        return batch;
    }

    /** Sends the bucket's next batch as the sender does with idempotence, and returns it. */
    private WriteBatch send() {
        WriteBatch next = state.sendableBatch(MAX_IN_FLIGHT, NOW);
        assertThat(next).isNotNull();
        state.number(next);
        state.sent(next);
        return next;
    }
}
