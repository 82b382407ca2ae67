package io.flussreactive.internal.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.admin.PartitionInfo;
import io.flussreactive.admin.PartitionSpec;
import io.flussreactive.error.NotLeaderOrFollowerException;
import io.flussreactive.error.PartitionNotExistException;
import io.flussreactive.error.UnknownServerException;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.util.SerialExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The looks of a {@link PartitionDiscovery} on a virtual clock: when they happen, that they never
 * overlap, what they hand to the scan, and that none follows a stop.
 */
class PartitionDiscoveryTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final long TABLE_ID = 7;

    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    private final SerialExecutor serial = new SerialExecutor();
    /** One answer per listing sent, in order; each completed by the test. */
    private final List<Sinks.One<List<PartitionInfo>>> listings = new CopyOnWriteArrayList<>();
    /** The partitions whose buckets were looked up, in order. */
    private final List<String> lookedUp = new CopyOnWriteArrayList<>();
    /** Partitions whose bucket lookup fails (by name), how many times more. */
    private final Map<String, AtomicInteger> failingLookups = new ConcurrentHashMap<>();
    /** The buckets handed to the scan, one list per look that found some. */
    private final List<List<FetchBucket>> joined = new CopyOnWriteArrayList<>();

    private final PartitionDiscovery discovery = new PartitionDiscovery(INTERVAL,
            Mono.defer(() -> {
                Sinks.One<List<PartitionInfo>> answer = Sinks.one();
                listings.add(answer);
                return answer.asMono();
            }),
            this::bucketsOf, joined::add, serial, clock, "the test table");

    @AfterEach
    void stopClock() {
        clock.dispose();
    }

    private Mono<List<FetchBucket>> bucketsOf(PartitionInfo partition) {
        return Mono.defer(() -> {
            lookedUp.add(partition.partitionName());
            AtomicInteger failures = failingLookups.get(partition.partitionName());
            if (failures != null && failures.getAndDecrement() > 0) {
                return Mono.error(new UnknownServerException("no leader yet"));
            }
            List<FetchBucket> buckets = new ArrayList<>();
            for (int bucket = 0; bucket < 2; bucket++) {
                buckets.add(new FetchBucket(
                        new PhysicalBucket(TABLE_ID, partition.partitionId(), partition.partitionName(), bucket),
                        0, FetchBucket.NO_END));
            }
            return Mono.just(buckets);
        });
    }

    private static PartitionInfo partition(long id, String name) {
        return new PartitionInfo(id, PartitionSpec.of("day", name));
    }

    /** Starts the discovery with the scan reading partition 1 ("a"). */
    private void startReadingA() {
        List<FetchBucket> read = bucketsOf(partition(1, "a")).block();
        lookedUp.clear();
        onSerial(() -> discovery.start(read));
    }

    private void onSerial(Runnable task) {
        serial.execute(task);
    }

    private void answer(int listing, PartitionInfo... partitions) {
        listings.get(listing).tryEmitValue(List.of(partitions)).orThrow();
    }

    private List<String> joinedPartitions() {
        return joined.stream().flatMap(List::stream).map(bucket -> bucket.bucket.partitionName()).distinct().toList();
    }

    @Test
    void looksEveryIntervalAndHandsTheScanOnlyPartitionsItDoesNotRead() {
        startReadingA();
        clock.advanceTimeBy(INTERVAL.minusMillis(1));
        assertThat(listings).isEmpty();

        clock.advanceTimeBy(Duration.ofMillis(1));
        assertThat(listings).hasSize(1);
        answer(0, partition(1, "a"), partition(2, "b"));
        assertThat(joinedPartitions()).containsExactly("b");
        assertThat(joined.get(0)).hasSize(2);

        clock.advanceTimeBy(INTERVAL);
        assertThat(listings).hasSize(2);
        answer(1, partition(1, "a"), partition(2, "b"), partition(3, "c"));
        assertThat(joinedPartitions()).containsExactly("b", "c");
        assertThat(lookedUp).containsExactly("b", "c");
    }

    @Test
    void aPartitionDroppedAndCreatedAgainUnderItsNameIsANewPartition() {
        startReadingA();
        clock.advanceTimeBy(INTERVAL);
        answer(0, partition(4, "a"));

        assertThat(joinedPartitions()).containsExactly("a");
        assertThat(joined.get(0)).allSatisfy(bucket -> assertThat(bucket.bucket.partitionId()).isEqualTo(4));
    }

    @Test
    void looksNeverOverlapAndALookAskedForMeanwhileFollowsOnce() {
        startReadingA();
        clock.advanceTimeBy(INTERVAL);
        assertThat(discovery.isLooking()).isTrue();

        // A slow coordinator: asked again and again, and the interval passes several times.
        for (int i = 0; i < 5; i++) {
            onSerial(discovery::lookSoon);
        }
        clock.advanceTimeBy(INTERVAL.multipliedBy(3));
        assertThat(listings).hasSize(1);

        answer(0, partition(1, "a"));
        // The look asked for meanwhile: at once, as the last one started long enough ago.
        assertThat(listings).hasSize(2);
        answer(1, partition(1, "a"));
        clock.advanceTimeBy(INTERVAL.minusMillis(1));
        assertThat(listings).hasSize(2);
        clock.advanceTimeBy(Duration.ofMillis(1));
        assertThat(listings).hasSize(3);
    }

    @Test
    void aServerSayingAPartitionIsGoneBringsTheNextLookForwardNoSoonerThanTheLeastGap() {
        startReadingA();
        PhysicalBucket readBucket = new PhysicalBucket(TABLE_ID, 1, "a", 0);

        onSerial(() -> discovery.serverReported(readBucket, new NotLeaderOrFollowerException("moved")));
        assertThat(listings).as("a leader that moved says nothing of partitions").isEmpty();

        onSerial(() -> discovery.serverReported(readBucket, new PartitionNotExistException("gone")));
        assertThat(listings).hasSize(1);
        answer(0, partition(5, "a"));
        assertThat(joinedPartitions()).containsExactly("a");

        onSerial(() -> discovery.serverReported(readBucket, new PartitionNotExistException("gone")));
        clock.advanceTimeBy(PartitionDiscovery.LEAST_GAP.minusMillis(1));
        assertThat(listings).hasSize(1);
        clock.advanceTimeBy(Duration.ofMillis(1));
        assertThat(listings).hasSize(2);
    }

    @Test
    void aFailedListingOrBucketLookupIsTriedAgainAtTheNextLookWithoutFailingAnything() {
        startReadingA();
        failingLookups.put("b", new AtomicInteger(1));
        clock.advanceTimeBy(INTERVAL);
        listings.get(0).tryEmitError(new UnknownServerException("coordinator busy")).orThrow();
        assertThat(discovery.isWaiting()).isTrue();

        clock.advanceTimeBy(INTERVAL);
        answer(1, partition(1, "a"), partition(2, "b"), partition(3, "c"));
        assertThat(joinedPartitions()).containsExactly("c");

        clock.advanceTimeBy(INTERVAL);
        answer(2, partition(1, "a"), partition(2, "b"), partition(3, "c"));
        assertThat(joinedPartitions()).containsExactly("c", "b");
        assertThat(lookedUp).containsExactly("b", "c", "b");
    }

    @Test
    void afterStopNoTimerIsHeldTheLookInFlightIsCancelledAndNothingMoreIsListed() {
        startReadingA();
        clock.advanceTimeBy(INTERVAL);
        assertThat(listings).hasSize(1);

        onSerial(discovery::stop);

        assertThat(discovery.isLooking()).isFalse();
        assertThat(discovery.isWaiting()).isFalse();
        assertThat(listings.get(0).currentSubscriberCount()).isZero();
        onSerial(discovery::lookSoon);
        clock.advanceTimeBy(INTERVAL.multipliedBy(10));
        assertThat(listings).hasSize(1);
        assertThat(joined).isEmpty();
    }
}
