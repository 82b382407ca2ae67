package io.flussreactive.internal.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.error.NetworkException;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.rpc.ServerLane;
import io.flussreactive.internal.util.SerialExecutor;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** How batches bound for one connection are packed into requests, and how each learns its answer. */
class BatchRequestsTest {

    private static final ServerLane LANE = null;

    private final List<List<WriteBatch>> requests = new ArrayList<>();
    private final List<String> answers = new ArrayList<>();
    private Mono<List<BucketOutcome>> reply;

    @Test
    void batchesGoInAsFewRequestsAsTheSizeLimitAllowsAndOneLargerThanItGoesAlone() {
        reply = Mono.never();
        BatchRequests batchRequests = batchRequests(100);
        WriteBatch a = batch(0, 40);
        WriteBatch b = batch(1, 60);
        WriteBatch c = batch(2, 150);
        WriteBatch d = batch(3, 10);

        batchRequests.send(LANE, List.of(a, b, c, d));

        assertThat(requests).containsExactly(List.of(a, b), List.of(c), List.of(d));
    }

    @Test
    void eachBatchLearnsItsBucketsAnswerAndOneWhoseBucketTheAnswerMissesFails() {
        WriteBatch stored = batch(0, 10);
        WriteBatch refused = batch(1, 10);
        WriteBatch missed = batch(2, 10);
        reply = Mono.just(List.of(
                new BucketOutcome(stored.bucket().key(), null, 42),
                new BucketOutcome(refused.bucket().key(), new IllegalStateException("refused"), -1)));

        batchRequests(1000).send(LANE, List.of(stored, refused, missed));

        assertThat(answers).containsExactly("bucket 0 stored at 42", "bucket 1 failed with IllegalStateException",
                "bucket 2 failed with NetworkException", "request answered");
    }

    @Test
    void aRequestThatFailsAsAWholeFailsEachOfItsBatches() {
        reply = Mono.error(new NetworkException("connection lost"));

        batchRequests(1000).send(LANE, List.of(batch(0, 10), batch(1, 10)));

        assertThat(answers).containsExactly("bucket 0 failed with NetworkException",
                "bucket 1 failed with NetworkException", "request answered");
    }

    private BatchRequests batchRequests(int maxRequestSizeBytes) {
        WriteRpc rpc = (lane, batches) -> {
            requests.add(batches);
            return reply;
        };
        return new BatchRequests(rpc, new SerialExecutor(), maxRequestSizeBytes,
                (batch, error, baseOffset) -> answers.add("bucket " + batch.bucket().bucket() + (error == null
                        ? " stored at " + baseOffset
                        : " failed with " + error.getClass().getSimpleName())),
                () -> answers.add("request answered"));
    }

    /** An encoded batch of {@code size} bytes for bucket {@code bucket}. */
    private static WriteBatch batch(int bucket, int size) {
        WriteBatch batch = new WriteBatch(new PhysicalBucket(7, -1, null, bucket), new PendingRecords(), 0,
                Long.MAX_VALUE, (bytes, writerId, sequence) -> {
                });
        batch.encoded(Unpooled.buffer(size).writerIndex(size));
        return batch;
    }
}
