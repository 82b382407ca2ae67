package io.flussreactive.internal.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.util.SerialExecutor;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;

/** How the writer id is asked for, and given up only once no batch is in flight under it. */
class CurrentWriterIdTest {

    private final Sinks.One<Long> answer = Sinks.one();
    private int requests;
    private int received;
    private final CurrentWriterId writerId = new CurrentWriterId(() -> {
        requests++;
        return answer.asMono();
    }, new SerialExecutor(), "test writer", () -> received++, () -> {
    });

    @Test
    void theIdIsAskedForOnceWhileARequestIsUnderWay() {
        writerId.request();
        writerId.request();
        assertThat(requests).isEqualTo(1);
        assertThat(writerId.isKnown()).isFalse();

        answer.tryEmitValue(100L);

        assertThat(writerId.isKnown()).isTrue();
        assertThat(writerId.value()).isEqualTo(100);
        assertThat(received).isEqualTo(1);
    }

    @Test
    void aResetWaitsUntilNoBucketHasABatchInFlightThenEveryBucketStartsAgainFromZero() {
        writerId.request();
        answer.tryEmitValue(100L);
        BucketState busy = bucketWithOneBatchInFlight();
        BucketState idle = new BucketState();
        WriteBatch waiting = busy.iterator().next();

        writerId.startReset();
        writerId.finishResetIfNothingInFlight(List.of(busy, idle));
        assertThat(writerId.isResetting()).isTrue();
        assertThat(writerId.isKnown()).isTrue();
        assertThat(waiting.sequence()).isZero();

        busy.answered();
        writerId.finishResetIfNothingInFlight(List.of(busy, idle));

        assertThat(writerId.isResetting()).isFalse();
        assertThat(writerId.isKnown()).isFalse();
        assertThat(waiting.sequence()).isEqualTo(WriteBatch.NO_SEQUENCE);
    }

    private static BucketState bucketWithOneBatchInFlight() {
        BucketState bucket = new BucketState();
        WriteBatch batch = new WriteBatch(new PhysicalBucket(7, -1, null, 0), new PendingRecords(), 0, Long.MAX_VALUE,
                (bytes, writerId, sequence) -> {
                });
        batch.encoded(Unpooled.buffer(1));
        bucket.add(batch);
        bucket.number(batch);
        bucket.sent(batch);
        return bucket;
    }
}
