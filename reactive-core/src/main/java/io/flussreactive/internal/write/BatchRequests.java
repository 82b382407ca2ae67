package io.flussreactive.internal.write;

import io.flussreactive.error.NetworkException;
import io.flussreactive.internal.meta.BucketKey;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.rpc.ServerLane;
import io.flussreactive.internal.util.SerialExecutor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests that carry a writer's batches to their leaders: packs the batches bound for one
 * connection into requests no larger than the request size limit, sends them, and tells each batch's
 * part of the answer.
 *
 * <p>A batch whose bucket the answer does not mention fails with a {@link NetworkException}; when a
 * request fails as a whole (connection lost, timeout), each of its batches fails with that error.
 *
 * <p>{@link #send} is called on the writer's {@link SerialExecutor}; answers arrive on a connection's
 * thread and are handed over onto that executor before anyone is told.
 */
final class BatchRequests {

    private final WriteRpc rpc;
    private final SerialExecutor serial;
    private final int maxRequestSizeBytes;
    private final AnswerListener answers;
    private final Runnable afterEachAnswer;

    /**
     * @param rpc how a request is sent and its answer read
     * @param serial the writer's executor, where answers are handled
     * @param maxRequestSizeBytes the largest request; a single batch larger than this still goes alone
     * @param answers told of each batch of an answered or failed request
     * @param afterEachAnswer runs once all batches of a request were told
     */
    BatchRequests(WriteRpc rpc, SerialExecutor serial, int maxRequestSizeBytes, AnswerListener answers,
            Runnable afterEachAnswer) {
        this.rpc = rpc;
        this.serial = serial;
        this.maxRequestSizeBytes = maxRequestSizeBytes;
        this.answers = answers;
        this.afterEachAnswer = afterEachAnswer;
    }

    /** Sends these batches, at most one per bucket, in as few requests as the size limit allows, in their order. */
    void send(ServerLane lane, List<WriteBatch> batches) {
        List<WriteBatch> request = new ArrayList<>();
        long size = 0;
        for (WriteBatch batch : batches) {
            if (!request.isEmpty() && size + batch.sizeInBytes() > maxRequestSizeBytes) {
                sendRequest(lane, request);
                request = new ArrayList<>();
                size = 0;
            }
            request.add(batch);
            size += batch.sizeInBytes();
        }
        if (!request.isEmpty()) {
            sendRequest(lane, request);
        }
    }

    private void sendRequest(ServerLane lane, List<WriteBatch> batches) {
        rpc.send(lane, batches).subscribe(
                outcomes -> serial.execute(() -> onAnswer(batches, outcomes)),
                error -> serial.execute(() -> onRequestFailed(batches, error)));
    }

    private void onAnswer(List<WriteBatch> batches, List<BucketOutcome> outcomes) {
        Map<BucketKey, BucketOutcome> byBucket = new HashMap<>();
        for (BucketOutcome outcome : outcomes) {
            byBucket.put(outcome.bucket(), outcome);
        }
        for (WriteBatch batch : batches) {
            PhysicalBucket bucket = batch.bucket();
            BucketOutcome outcome = byBucket.get(bucket.key());
            if (outcome == null) {
                answers.answered(batch, new NetworkException(
                        "The answer from the leader of " + bucket + " did not mention the bucket"), -1);
            } else if (outcome.error() == null) {
                answers.answered(batch, null, outcome.baseOffset());
            } else {
                answers.answered(batch, outcome.error(), -1);
            }
        }
        afterEachAnswer.run();
    }

    private void onRequestFailed(List<WriteBatch> batches, Throwable error) {
        for (WriteBatch batch : batches) {
            answers.answered(batch, error, -1);
        }
        afterEachAnswer.run();
    }

    /** Told, on the writer's executor, how the server answered for one batch. */
    @FunctionalInterface
    interface AnswerListener {
        /** The batch was stored at {@code baseOffset} ({@code error} null), or refused or lost with {@code error}. */
        void answered(WriteBatch batch, Throwable error, long baseOffset);
    }
}
