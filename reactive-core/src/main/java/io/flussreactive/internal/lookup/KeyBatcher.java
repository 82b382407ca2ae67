package io.flussreactive.internal.lookup;

import io.flussreactive.error.FlussException;
import io.flussreactive.error.LookupQueueFullException;
import io.flussreactive.error.NetworkException;
import io.flussreactive.internal.meta.BucketKey;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.rpc.ServerLane;
import io.flussreactive.internal.telemetry.LookupTelemetry;
import io.flussreactive.internal.util.SerialExecutor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Sends key lookups to bucket leaders, batching them without making any of them wait for a timer.
 *
 * <p>Per leader, a lookup that finds room for a request goes out at once, alone. Lookups that arrive
 * while the leader has no room queue up and leave together when an answer frees it. So a lone lookup
 * costs one round trip, and under load each round trip carries the lookups that arrived during the
 * previous one: batching grows with the load instead of being imposed by a delay. A request takes at
 * most an equal share of the leader's outstanding keys, so that under steady load the requests in
 * flight carry as many keys each, rather than keeping the uneven sizes a burst started with.
 *
 * <p>State is touched only on a {@link SerialExecutor}. The number of waiting keys is bounded.
 *
 * @param <R> the answer for one key (a value, or a list of values for prefix lookups)
 */
public final class KeyBatcher<R> {

    /** Keys of one bucket in one request. */
    public record BucketKeys(PhysicalBucket bucket, List<byte[]> keys) {
    }

    /**
     * The answer for one bucket of a request.
     *
     * @param bucket the bucket the answer is about
     * @param error why the bucket failed, or null
     * @param answers one answer per key, in the order of the keys (an answer may be null: not found)
     */
    public record BucketAnswer<R>(BucketKey bucket, FlussException error, List<R> answers) {
    }

    /**
     * Waits for the answer to one key. Called on the batcher's executor (often an event loop): must
     * be cheap and must not block.
     *
     * @param <R> the answer for one key
     */
    public interface AnswerListener<R> {
        /** The answer, or null when the server has none for the key. */
        void onAnswer(R answer);

        /** Why the key could not be looked up. */
        void onError(Throwable error);

        /** Whether the answer is no longer wanted: the key is then not sent, if it has not left yet. */
        boolean isCancelled();
    }

    /** Sends one request of keys to a leader. */
    @FunctionalInterface
    public interface Rpc<R> {
        /** Sends the keys of several buckets of one table to their leader. */
        Mono<List<BucketAnswer<R>>> send(ServerLane leader, List<BucketKeys> request);
    }

    private final Rpc<R> rpc;
    private final int maxInFlightPerLeader;
    private final int maxKeysPerRequest;
    private final int maxWaitingKeys;
    private final SerialExecutor serial = new SerialExecutor();
    private final Map<Integer, LeaderQueue<R>> leaders = new HashMap<>();
    private int waitingKeys;
    private final LookupTelemetry telemetry;

    /**
     * @param rpc sends requests
     * @param maxInFlightPerLeader requests in flight to one leader at once
     * @param maxKeysPerRequest keys in one request at most
     * @param maxWaitingKeys keys waiting (not yet sent) at most; more fail at once with
     *     {@link LookupQueueFullException}
     */
    public KeyBatcher(Rpc<R> rpc, int maxInFlightPerLeader, int maxKeysPerRequest, int maxWaitingKeys) {
        this(rpc, maxInFlightPerLeader, maxKeysPerRequest, maxWaitingKeys, LookupTelemetry.NONE);
    }

    /**
     * As above, each request's keys being recorded.
     *
     * @param telemetry told of the keys of each request sent
     */
    public KeyBatcher(Rpc<R> rpc, int maxInFlightPerLeader, int maxKeysPerRequest, int maxWaitingKeys,
            LookupTelemetry telemetry) {
        this.rpc = rpc;
        this.telemetry = telemetry;
        this.maxInFlightPerLeader = maxInFlightPerLeader;
        this.maxKeysPerRequest = maxKeysPerRequest;
        this.maxWaitingKeys = maxWaitingKeys;
    }

    /**
     * Looks up one key.
     *
     * @param leaderId the id of the bucket's leader
     * @param leader the connection to it
     * @param bucket the key's bucket
     * @param key the encoded key
     * @return the answer, or empty when the server has none for the key
     */
    public Mono<R> submit(int leaderId, ServerLane leader, PhysicalBucket bucket, byte[] key) {
        return Mono.create(sink -> {
            SinkListener<R> listener = new SinkListener<>(sink);
            sink.onCancel(() -> listener.cancelled = true);
            submit(leaderId, leader, bucket, key, listener);
        });
    }

    /**
     * Looks up one key, for callers that keep their own per-lookup state (no Mono per key).
     *
     * @param leaderId the id of the bucket's leader
     * @param leader the connection to it
     * @param bucket the key's bucket
     * @param key the encoded key
     * @param listener gets the answer or the error, once, unless cancelled first
     */
    public void submit(int leaderId, ServerLane leader, PhysicalBucket bucket, byte[] key, AnswerListener<R> listener) {
        serial.execute(() -> {
            if (waitingKeys >= maxWaitingKeys) {
                listener.onError(new LookupQueueFullException(maxWaitingKeys));
                return;
            }
            LeaderQueue<R> queue = leaders.computeIfAbsent(leaderId, id -> new LeaderQueue<>());
            // A restarted leader may have a new address: the latest connection wins.
            queue.leader = leader;
            queue.waiting.add(new Waiting<>(bucket, key, listener));
            waitingKeys++;
            sendIfIdle(queue);
        });
    }

    /**
     * Sends the waiting keys of a leader if it has room for another request, unless a send is already
     * scheduled behind the answers being handed out (the keys then wait for it).
     */
    private void sendIfIdle(LeaderQueue<R> queue) {
        // Checked here rather than by each caller: the branch then goes both ways in one place, which
        // keeps compiled code from treating the rarer way (lookups arriving outside a hand-out, as at
        // the start of a burst) as never taken and falling back to the interpreter when it comes.
        if (queue.sendScheduled) {
            return;
        }
        while (queue.inFlight < maxInFlightPerLeader && !queue.waiting.isEmpty()) {
            Map<PhysicalBucket, List<Waiting<R>>> byBucket = new LinkedHashMap<>();
            int keys = 0;
            int taken = Math.min(keysForNextRequest(queue), queue.waiting.size());
            for (int i = 0; i < taken; i++) {
                Waiting<R> next = queue.waiting.poll();
                waitingKeys--;
                if (!next.listener.isCancelled()) {
                    byBucket.computeIfAbsent(next.bucket, b -> new ArrayList<>()).add(next);
                    keys++;
                }
            }
            if (byBucket.isEmpty()) {
                // All cancelled: look at the keys behind them.
                continue;
            }
            List<BucketKeys> request = new ArrayList<>(byBucket.size());
            byBucket.forEach((bucket, waiting) -> {
                List<byte[]> bucketKeys = new ArrayList<>(waiting.size());
                waiting.forEach(w -> bucketKeys.add(w.key));
                request.add(new BucketKeys(bucket, bucketKeys));
            });
            queue.inFlight++;
            queue.keysInFlight += keys;
            int sent = keys;
            telemetry.requestSent(keys);
            // Always the leader's first connection, even when the client keeps several: answers then
            // arrive on one event-loop thread, where spreading requests over connections made answers
            // of two threads meet in this batcher, costing more client CPU than the server gave back.
            rpc.send(queue.leader, request).subscribe(
                    answers -> serial.execute(() -> answered(queue, sent, byBucket, answers)),
                    error -> serial.execute(() -> failed(queue, sent, byBucket, error)));
        }
    }

    private void answered(LeaderQueue<R> queue, int sent, Map<PhysicalBucket, List<Waiting<R>>> asked,
            List<BucketAnswer<R>> answers) {
        requestEnded(queue, sent);
        try {
            Map<BucketKey, BucketAnswer<R>> byKey = new HashMap<>();
            for (BucketAnswer<R> answer : answers) {
                byKey.put(answer.bucket(), answer);
            }
            asked.forEach((bucket, waiting) -> {
                BucketAnswer<R> answer = byKey.get(bucket.key());
                if (answer == null) {
                    waiting.forEach(w -> w.listener.onError(new NetworkException(
                            "The answer from the leader of " + bucket + " did not mention the bucket")));
                } else if (answer.error() != null) {
                    waiting.forEach(w -> w.listener.onError(
                            answer.error().errorCode().toException(answer.error().serverMessage())));
                } else {
                    for (int i = 0; i < waiting.size(); i++) {
                        waiting.get(i).listener.onAnswer(
                                i < answer.answers().size() ? answer.answers().get(i) : null);
                    }
                }
            });
        } finally {
            sendAfterQueuedKeys(queue);
        }
    }

    private void failed(LeaderQueue<R> queue, int sent, Map<PhysicalBucket, List<Waiting<R>>> asked,
            Throwable error) {
        requestEnded(queue, sent);
        try {
            asked.values().forEach(waiting -> waiting.forEach(w -> w.listener.onError(error)));
        } finally {
            sendAfterQueuedKeys(queue);
        }
    }

    /**
     * Frees a request's room. Keys submitted while its answers are handed out only queue up (callers
     * often look up their next keys as soon as they get an answer): they leave together, in one
     * request, when {@link #sendAfterQueuedKeys} runs, instead of the first of them alone.
     */
    private void requestEnded(LeaderQueue<R> queue, int sent) {
        queue.inFlight--;
        queue.keysInFlight -= sent;
        queue.sendScheduled = true;
    }

    /**
     * Sends a leader's waiting keys behind the tasks queued on this executor so far, that is after the
     * keys submitted while answers were handed out.
     */
    private void sendAfterQueuedKeys(LeaderQueue<R> queue) {
        serial.execute(() -> {
            queue.sendScheduled = false;
            sendIfIdle(queue);
        });
    }

    /**
     * How many keys the next request of a leader takes: an equal share of the leader's outstanding
     * keys (in flight and waiting) per request it may have in flight. Without this the sizes of the
     * first requests stick: a burst of lookups leaves as one key alone and then all the others
     * together, and from then on one large request alternates with a stream of small ones, each
     * costing the server a whole request. Keys never wait for this while the leader has room for a
     * request: the rest leaves in the next one.
     */
    private int keysForNextRequest(LeaderQueue<R> queue) {
        long outstanding = (long) queue.keysInFlight + queue.waiting.size();
        long share = (outstanding + maxInFlightPerLeader - 1) / maxInFlightPerLeader;
        return (int) Math.max(1, Math.min(maxKeysPerRequest, share));
    }

    /** The lookups of one leader. */
    private static final class LeaderQueue<R> {
        final ArrayDeque<Waiting<R>> waiting = new ArrayDeque<>();
        ServerLane leader;
        int inFlight;
        /** Keys in the requests in flight. */
        int keysInFlight;
        /** A send is queued behind the answers being handed out: new keys wait for it. */
        boolean sendScheduled;
    }

    /** One key waiting for its answer. */
    private record Waiting<R>(PhysicalBucket bucket, byte[] key, AnswerListener<R> listener) {
    }

    /** Hands an answer to the sink of a {@code Mono}. */
    private static final class SinkListener<R> implements AnswerListener<R> {
        private final MonoSink<R> sink;
        volatile boolean cancelled;

        SinkListener(MonoSink<R> sink) {
            this.sink = sink;
        }

        @Override
        public void onAnswer(R answer) {
            if (answer == null) {
                sink.success();
            } else {
                sink.success(answer);
            }
        }

        @Override
        public void onError(Throwable error) {
            sink.error(error);
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }
}
