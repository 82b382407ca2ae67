package io.flussreactive.internal.lookup;

import io.flussreactive.error.FlussException;
import io.flussreactive.error.NetworkException;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.rpc.NodeClient;
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
 * <p>Per leader, a lookup that finds no request in flight goes out at once, alone. Lookups that
 * arrive while a request is in flight queue up and leave together, in one request, when it answers.
 * So a lone lookup costs one round trip, and under load each round trip carries every lookup that
 * arrived during the previous one: batching grows with the load instead of being imposed by a delay.
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
     * @param partitionId the partition id, or -1
     * @param bucket the bucket id
     * @param error why the bucket failed, or null
     * @param answers one answer per key, in the order of the keys (an answer may be null: not found)
     */
    public record BucketAnswer<R>(long partitionId, int bucket, FlussException error, List<R> answers) {
    }

    /** Sends one request of keys to a leader. */
    @FunctionalInterface
    public interface Rpc<R> {
        /** Sends the keys of several buckets of one table to their leader. */
        Mono<List<BucketAnswer<R>>> send(NodeClient leader, List<BucketKeys> request);
    }

    private final Rpc<R> rpc;
    private final int maxInFlightPerLeader;
    private final int maxKeysPerRequest;
    private final int maxWaitingKeys;
    private final SerialExecutor serial = new SerialExecutor();
    private final Map<Integer, LeaderQueue<R>> leaders = new HashMap<>();
    private int waitingKeys;

    /**
     * @param rpc sends requests
     * @param maxInFlightPerLeader requests in flight to one leader at once
     * @param maxKeysPerRequest keys in one request at most
     * @param maxWaitingKeys keys waiting (not yet sent) at most; more fail at once
     */
    public KeyBatcher(Rpc<R> rpc, int maxInFlightPerLeader, int maxKeysPerRequest, int maxWaitingKeys) {
        this.rpc = rpc;
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
    public Mono<R> submit(int leaderId, NodeClient leader, PhysicalBucket bucket, byte[] key) {
        return Mono.create(sink -> serial.execute(() -> {
            if (waitingKeys >= maxWaitingKeys) {
                sink.error(new IllegalStateException("More than " + maxWaitingKeys + " lookups are waiting to be sent; "
                        + "bound the lookups in flight (lookupAll does)"));
                return;
            }
            LeaderQueue<R> queue = leaders.computeIfAbsent(leaderId, id -> new LeaderQueue<>());
            // A restarted leader may have a new address: the latest connection wins.
            queue.leader = leader;
            Waiting<R> waiting = new Waiting<>(bucket, key, sink);
            sink.onCancel(() -> waiting.cancelled = true);
            queue.waiting.add(waiting);
            waitingKeys++;
            if (!queue.sendScheduled) {
                sendIfIdle(queue);
            }
        }));
    }

    /** Sends the waiting keys of a leader if it has room for another request. */
    private void sendIfIdle(LeaderQueue<R> queue) {
        while (queue.inFlight < maxInFlightPerLeader && !queue.waiting.isEmpty()) {
            Map<PhysicalBucket, List<Waiting<R>>> byBucket = new LinkedHashMap<>();
            int keys = 0;
            while (keys < maxKeysPerRequest && !queue.waiting.isEmpty()) {
                Waiting<R> next = queue.waiting.poll();
                waitingKeys--;
                if (next.cancelled) {
                    continue;
                }
                byBucket.computeIfAbsent(next.bucket, b -> new ArrayList<>()).add(next);
                keys++;
            }
            if (byBucket.isEmpty()) {
                return;
            }
            List<BucketKeys> request = new ArrayList<>(byBucket.size());
            byBucket.forEach((bucket, waiting) -> {
                List<byte[]> bucketKeys = new ArrayList<>(waiting.size());
                waiting.forEach(w -> bucketKeys.add(w.key));
                request.add(new BucketKeys(bucket, bucketKeys));
            });
            queue.inFlight++;
            rpc.send(queue.leader, request).subscribe(
                    answers -> serial.execute(() -> answered(queue, byBucket, answers)),
                    error -> serial.execute(() -> failed(queue, byBucket, error)));
        }
    }

    private void answered(LeaderQueue<R> queue, Map<PhysicalBucket, List<Waiting<R>>> asked,
            List<BucketAnswer<R>> answers) {
        queue.inFlight--;
        scheduleSend(queue);
        Map<String, BucketAnswer<R>> byKey = new HashMap<>();
        for (BucketAnswer<R> answer : answers) {
            byKey.put(answer.partitionId() + "/" + answer.bucket(), answer);
        }
        asked.forEach((bucket, waiting) -> {
            BucketAnswer<R> answer = byKey.get(bucket.partitionId() + "/" + bucket.bucket());
            if (answer == null) {
                waiting.forEach(w -> w.sink.error(new NetworkException(
                        "The answer from the leader of " + bucket + " did not mention the bucket")));
            } else if (answer.error() != null) {
                waiting.forEach(w -> w.sink.error(answer.error().errorCode().toException(answer.error().serverMessage())));
            } else {
                for (int i = 0; i < waiting.size(); i++) {
                    R value = i < answer.answers().size() ? answer.answers().get(i) : null;
                    if (value == null) {
                        waiting.get(i).sink.success();
                    } else {
                        waiting.get(i).sink.success(value);
                    }
                }
            }
        });
    }

    private void failed(LeaderQueue<R> queue, Map<PhysicalBucket, List<Waiting<R>>> asked, Throwable error) {
        queue.inFlight--;
        scheduleSend(queue);
        asked.values().forEach(waiting -> waiting.forEach(w -> w.sink.error(error)));
    }

    /**
     * Sends a leader's waiting keys once the answers being handed out have been: callers often look up
     * their next keys as soon as they get an answer, and those keys (queued on this executor meanwhile)
     * then leave together in one request instead of the first of them alone.
     */
    private void scheduleSend(LeaderQueue<R> queue) {
        queue.sendScheduled = true;
        serial.execute(() -> {
            queue.sendScheduled = false;
            sendIfIdle(queue);
        });
    }

    /** The lookups of one leader. */
    private static final class LeaderQueue<R> {
        final ArrayDeque<Waiting<R>> waiting = new ArrayDeque<>();
        NodeClient leader;
        int inFlight;
        /** A send is queued behind the answers being handed out: new keys wait for it. */
        boolean sendScheduled;
    }

    /** One key waiting for its answer. */
    private static final class Waiting<R> {
        final PhysicalBucket bucket;
        final byte[] key;
        final MonoSink<R> sink;
        volatile boolean cancelled;

        Waiting(PhysicalBucket bucket, byte[] key, MonoSink<R> sink) {
            this.bucket = bucket;
            this.key = key;
            this.sink = sink;
        }
    }
}
