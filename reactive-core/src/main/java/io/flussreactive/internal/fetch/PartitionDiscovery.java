package io.flussreactive.internal.fetch;

import io.flussreactive.admin.PartitionInfo;
import io.flussreactive.error.FlussException;
import io.flussreactive.error.PartitionNotExistException;
import io.flussreactive.error.UnknownTableOrBucketException;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.retry.Retries;
import io.flussreactive.internal.util.SerialExecutor;
import io.flussreactive.internal.util.TroubleLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Finds the partitions created while a tailing scan of every partition runs, so that the scan reads
 * them too: it lists the table's partitions every {@code interval}, and sooner (though not within
 * {@link #LEAST_GAP} of the previous look) when a server says that a partition the scan reads is gone,
 * which is also how a partition dropped and created again under its name shows. The buckets of each
 * partition not read so far are found (from their earliest offset) before they are handed to the
 * scan.
 *
 * <p>At most one look is in flight; a look asked for meanwhile follows it. A failed listing is retried
 * by the listing's own retry; when that gives up, the scan goes on and the next look comes after the
 * interval: a scan never fails for want of new partitions. A partition whose buckets could not be found
 * is tried again at the next look. Once stopped, no timer is held and no look is in flight.
 *
 * <p>Its state is touched only on the scan's serial executor.
 */
final class PartitionDiscovery {

    private static final Logger log = LoggerFactory.getLogger(PartitionDiscovery.class);

    /** The least time between the starts of two looks, whatever asks for them: the coordinator is shared. */
    static final Duration LEAST_GAP = Duration.ofSeconds(1);

    /** The parts of {@link #trouble}: the listing, and finding the buckets of the new partitions it shows. */
    private static final String LISTING = "the list of partitions";
    private static final String JOINING = "the buckets of new partitions";

    private final long intervalNanos;
    private final long leastGapNanos;
    private final Mono<List<PartitionInfo>> listing;
    private final Function<PartitionInfo, Mono<List<FetchBucket>>> bucketsOf;
    private final Consumer<List<FetchBucket>> joined;
    private final SerialExecutor serial;
    private final Scheduler timer;
    private final TroubleLog trouble;

    /** The ids of the partitions read or being read (those still listed): a look joins only the others. */
    private final Set<Long> known = new HashSet<>();
    private boolean started;
    private boolean stopped;
    /** The look in flight, or null. */
    private Disposable looking;
    /** Another look was asked for while one was in flight. */
    private boolean lookAgain;
    /** When the last look started ({@link Scheduler#now}), if {@link #looked}. */
    private long lastLookNanos;
    private boolean looked;
    /** The next look on the timer, or null. */
    private Disposable next;
    /** When {@link #next} runs. */
    private long nextAtNanos;

    /**
     * @param interval the time between looks, positive
     * @param listing the table's partitions, retried as the listing's policy says
     * @param bucketsOf the buckets of a partition the scan did not read so far, or empty when it cannot
     *     join now (gone again, say)
     * @param joined told on {@code serial} the buckets of the partitions a look found
     * @param serial the scan's executor
     * @param timer where timed looks wait
     * @param description what is scanned, for the log
     */
    PartitionDiscovery(Duration interval, Mono<List<PartitionInfo>> listing,
            Function<PartitionInfo, Mono<List<FetchBucket>>> bucketsOf, Consumer<List<FetchBucket>> joined,
            SerialExecutor serial, Scheduler timer, String description) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("The interval of partition discovery must be positive: " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.leastGapNanos = Math.min(LEAST_GAP.toNanos(), intervalNanos);
        this.listing = listing;
        this.bucketsOf = bucketsOf;
        this.joined = joined;
        this.serial = serial;
        this.timer = timer;
        this.trouble = new TroubleLog(log, "Partition discovery of " + description);
    }

    /**
     * The discovery of one scan subscription, or null when the scan reads a fixed set of physical
     * tables: a table without partitions, partitions it names, a bounded scan (its end is set when it
     * starts), or discovery turned off.
     *
     * @param plan what the scan was asked for
     * @param cluster where the partitions are listed
     * @param start finds the buckets of a new partition
     * @param serial the scan's executor
     * @param joined told on {@code serial} the buckets of the partitions found
     * @return the discovery, not started, or null
     */
    static PartitionDiscovery of(ScanPlan plan, ScanCluster cluster, ScanStart start, SerialExecutor serial,
            Consumer<List<FetchBucket>> joined) {
        Duration interval = plan.options().partitionDiscoveryInterval();
        if (!plan.table().isPartitioned() || plan.partitions() != null || plan.untilLatest() || interval.isZero()) {
            return null;
        }
        Mono<List<PartitionInfo>> listing = cluster.partitions().collectList()
                .transformDeferred(Retries.onMono(cluster.partitionListingRetry()));
        return new PartitionDiscovery(interval, listing, start::bucketsOfNewPartition, joined, serial,
                Schedulers.parallel(), "the scan of " + plan.table().tablePath());
    }

    /**
     * Starts looking: the first look comes after the interval.
     *
     * @param read the buckets the scan read from its start
     */
    void start(List<FetchBucket> read) {
        if (started || stopped) {
            return;
        }
        started = true;
        for (FetchBucket bucket : read) {
            known.add(bucket.bucket.partitionId());
        }
        lookIn(intervalNanos);
    }

    /**
     * Looks at once if what a server answered for a bucket may mean that its partition is gone (and
     * maybe created again under its name), as soon as the least gap between looks allows.
     *
     * @param bucket the bucket the answer was for
     * @param error the error of the answer
     */
    void serverReported(PhysicalBucket bucket, FlussException error) {
        if (bucket.isPartitioned()
                && (error instanceof PartitionNotExistException || error instanceof UnknownTableOrBucketException)) {
            lookSoon();
        }
    }

    /** Looks at once, or as soon as the least gap between looks allows, or after the look in flight. */
    void lookSoon() {
        if (!started || stopped) {
            return;
        }
        if (looking != null) {
            lookAgain = true;
            return;
        }
        long sinceLast = timer.now(TimeUnit.NANOSECONDS) - lastLookNanos;
        lookIn(!looked || sinceLast >= leastGapNanos ? 0 : leastGapNanos - sinceLast);
    }

    /** Stops looking: the timer and the look in flight are cancelled. */
    void stop() {
        stopped = true;
        cancelTimer();
        if (looking != null) {
            looking.dispose();
            looking = null;
        }
    }

    /** Whether a look is in flight (for tests). */
    boolean isLooking() {
        return looking != null;
    }

    /** Whether a look waits on the timer (for tests). */
    boolean isWaiting() {
        return next != null;
    }

    /** Looks in {@code nanos} unless a look is due sooner. */
    private void lookIn(long nanos) {
        long at = timer.now(TimeUnit.NANOSECONDS) + nanos;
        if (next != null) {
            if (nextAtNanos - at <= 0) {
                return;
            }
            next.dispose();
        }
        nextAtNanos = at;
        Disposable[] self = new Disposable[1];
        self[0] = timer.schedule(() -> serial.execute(() -> {
            if (next == self[0]) {
                next = null;
                look();
            }
        }), Math.max(0, nanos), TimeUnit.NANOSECONDS);
        // The task checks its own identity: set before it may run, as it runs on the serial executor.
        next = self[0];
    }

    private void cancelTimer() {
        if (next != null) {
            next.dispose();
            next = null;
        }
    }

    private void look() {
        if (stopped) {
            return;
        }
        if (looking != null) {
            lookAgain = true;
            return;
        }
        cancelTimer();
        looked = true;
        lastLookNanos = timer.now(TimeUnit.NANOSECONDS);
        Set<Long> read = Set.copyOf(known);
        looking = listing
                .flatMap(partitions -> Flux.fromIterable(partitions)
                        .filter(partition -> !read.contains(partition.partitionId()))
                        .concatMap(partition -> bucketsOf.apply(partition)
                                .map(buckets -> new Found(partition, buckets, null))
                                .onErrorResume(error -> Mono.just(new Found(partition, List.of(), error))))
                        .collectList()
                        .map(found -> new Look(partitions, found)))
                .subscribe(
                        result -> serial.execute(() -> looked(result)),
                        error -> serial.execute(() -> listingFailed(error)));
    }

    private void looked(Look result) {
        looking = null;
        if (stopped) {
            return;
        }
        trouble.recovered(LISTING);
        Set<Long> listed = new HashSet<>();
        for (PartitionInfo partition : result.listed()) {
            listed.add(partition.partitionId());
        }
        // Ids are never reused: a partition no longer listed was dropped for good.
        known.retainAll(listed);
        List<FetchBucket> joining = new ArrayList<>();
        Throwable joinFailure = null;
        for (Found found : result.found()) {
            if (found.error() != null) {
                log.debug("The buckets of partition '{}' were not found; looking again next time: {}",
                        found.partition().partitionName(), found.error().toString());
                joinFailure = found.error();
                continue;
            }
            known.add(found.partition().partitionId());
            joining.addAll(found.buckets());
        }
        // One part for all partitions: one that is dropped before it could join would never recover.
        if (joinFailure != null) {
            trouble.failed(JOINING, joinFailure);
        } else {
            trouble.recovered(JOINING);
        }
        if (!joining.isEmpty()) {
            joined.accept(joining);
        }
        lookedAgainOrLater();
    }

    private void listingFailed(Throwable error) {
        looking = null;
        if (stopped) {
            return;
        }
        log.debug("Listing the partitions failed; looking again after the interval: {}", error.toString());
        trouble.failed(LISTING, error);
        lookedAgainOrLater();
    }

    private void lookedAgainOrLater() {
        lookIn(intervalNanos);
        if (lookAgain) {
            lookAgain = false;
            lookSoon();
        }
    }

    /** A partition not read so far, with its buckets (none when it could not join now), or why they were not found. */
    private record Found(PartitionInfo partition, List<FetchBucket> buckets, Throwable error) {
    }

    /** What one look found: every partition listed, and the new ones. */
    private record Look(List<PartitionInfo> listed, List<Found> found) {
    }
}
