package io.flussreactive.internal.fetch;

import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.admin.PartitionInfo;
import io.flussreactive.error.LogOffsetOutOfRangeException;
import io.flussreactive.error.PartitionNotExistException;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.meta.TableLocations;
import io.flussreactive.scan.ScanPosition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where a scan subscription reads: the physical tables (the table, or its partitions) and their
 * buckets, each with the offset where reading starts and, for a bounded scan, where it ends.
 *
 * <p>A bucket starts after what an earlier subscription of the same flux delivered (a retry), else
 * where the application's {@link io.flussreactive.scan.ScanPosition} says, else at the scan's
 * {@link OffsetSpec}.
 */
final class ScanStart {

    private final ScanPlan plan;
    private final ScanCluster cluster;
    private final ScanProgress progress;
    private final Consumer<TableLocations> locationsFound;

    /**
     * @param plan what the scan was asked for
     * @param cluster where locations and offsets are found
     * @param progress what earlier subscriptions delivered
     * @param locationsFound told the locations of each physical table read (the leaders of its buckets)
     */
    ScanStart(ScanPlan plan, ScanCluster cluster, ScanProgress progress, Consumer<TableLocations> locationsFound) {
        this.plan = plan;
        this.cluster = cluster;
        this.progress = progress;
        this.locationsFound = locationsFound;
    }

    /** The buckets to read, each with its start (and end) offset. */
    Mono<List<FetchBucket>> buckets() {
        return physicalTables().concatMap(this::bucketsOf).collectList();
    }

    /** The latest offset of each bucket the scan reads (of each partition it reads), as a position. */
    Mono<ScanPosition> latestPosition() {
        return physicalTables()
                .concatMap(where -> cluster.listOffsets(where.partitionName(), bucketIds(), OffsetSpec.latest())
                        .map(offsets -> new PhysicalOffsets(where.partitionName(), offsets)))
                .reduce(ScanPosition.none(), (position, physical) -> {
                    ScanPosition with = position;
                    for (Map.Entry<Integer, Long> bucket : physical.offsets().entrySet()) {
                        with = with.with(physical.partitionName(), bucket.getKey(), bucket.getValue());
                    }
                    return with;
                });
    }

    /** The table, or the partitions the scan reads. */
    private Flux<TableLocations> physicalTables() {
        if (!plan.table().isPartitioned()) {
            return cluster.locations(null).flux();
        }
        Flux<String> names = plan.partitions() != null ? Flux.fromIterable(plan.partitions())
                : cluster.partitions().map(PartitionInfo::partitionName);
        return names.concatMap(cluster::locations);
    }

    /**
     * The buckets of a partition created after the scan started, each from its earliest offset (or, in
     * a retry, after what an earlier subscription delivered of it): every record of the partition came
     * after the start, whatever the scan's {@link OffsetSpec}. Empty when the partition is gone again, or
     * when the name now belongs to a partition other than the one listed (the locations known were of an
     * older partition of that name: they are forgotten, and the next look finds the partition again).
     *
     * @param partition a partition the scan did not read so far
     * @return its buckets, which the scan reads to no end, or empty
     */
    Mono<List<FetchBucket>> bucketsOfNewPartition(PartitionInfo partition) {
        return cluster.locations(partition.partitionName())
                .flatMap(where -> {
                    if (where.partitionId() != partition.partitionId()) {
                        cluster.forgetLocations();
                        return Mono.<List<FetchBucket>>empty();
                    }
                    locationsFound.accept(where);
                    List<Integer> ids = bucketIds();
                    return cluster.listOffsets(where.partitionName(), ids, OffsetSpec.earliest()).map(earliest -> {
                        List<FetchBucket> result = new ArrayList<>();
                        for (int id : ids) {
                            PhysicalBucket bucket = new PhysicalBucket(plan.table().tableId(), where.partitionId(),
                                    where.partitionName(), id);
                            // The application's position is not asked: a partition of that name it knows
                            // existed before the scan started, so it was dropped since and this is another.
                            Long resume = progress.resumeOffset(where.partitionId(), id);
                            long start = resume != null ? resume : earliest.get(id);
                            progress.joinedAt(bucket, start);
                            result.add(new FetchBucket(bucket, start, FetchBucket.NO_END));
                        }
                        return result;
                    });
                })
                .onErrorResume(PartitionNotExistException.class, gone -> Mono.empty());
    }

    /** The ids of the buckets the scan reads. */
    private List<Integer> bucketIds() {
        List<Integer> ids = new ArrayList<>();
        for (int bucket = 0; bucket < plan.table().numBuckets(); bucket++) {
            if (plan.buckets() == null || plan.buckets().contains(bucket)) {
                ids.add(bucket);
            }
        }
        return ids;
    }

    private Flux<FetchBucket> bucketsOf(TableLocations where) {
        locationsFound.accept(where);
        long partitionId = where.partitionId();
        List<Integer> ids = bucketIds();
        Mono<Map<Integer, Long>> starts = startOffsets(where, ids);
        Mono<Map<Integer, Long>> ends = plan.untilLatest()
                ? cluster.listOffsets(where.partitionName(), ids, OffsetSpec.latest())
                : Mono.just(Map.of());
        return Mono.zip(starts, ends).flatMapMany(both -> {
            List<FetchBucket> result = new ArrayList<>();
            for (int id : ids) {
                OptionalLong namedEnd = plan.untilLatest() ? plan.until().nextOffset(where.partitionName(), id)
                        : OptionalLong.empty();
                PhysicalBucket bucket = new PhysicalBucket(plan.table().tableId(), partitionId, where.partitionName(), id);
                Long resume = progress.resumeOffset(partitionId, id);
                OptionalLong finished = plan.resumeFrom().nextOffset(where.partitionName(), id);
                long start = resume != null ? resume
                        : finished.isPresent() ? finished.getAsLong() : both.getT1().get(id);
                if (plan.untilLatest() && start > both.getT2().get(id)) {
                    // Tailing, the leader refuses such an offset; a scan up to the latest offsets would
                    // never send it and end at once, as if the bucket had been read.
                    return Flux.error(beyondTheEnd(where, id, start, both.getT2().get(id)));
                }
                long end = !plan.untilLatest() ? FetchBucket.NO_END
                        : namedEnd.isPresent() ? namedEnd.getAsLong() : both.getT2().get(id);
                result.add(new FetchBucket(bucket, start, end));
            }
            return Flux.fromIterable(result);
        });
    }

    private LogOffsetOutOfRangeException beyondTheEnd(TableLocations where, int bucket, long start, long latest) {
        String partition = where.partitionName() == null ? "" : " partition '" + where.partitionName() + "'";
        return new LogOffsetOutOfRangeException("The scan of " + plan.table().tablePath() + partition + " cannot start "
                + "bucket " + bucket + " at offset " + start + ": the bucket's latest offset is " + latest);
    }

    /** The offsets of the buckets of one physical table. */
    private record PhysicalOffsets(String partitionName, Map<Integer, Long> offsets) {
    }

    private Mono<Map<Integer, Long>> startOffsets(TableLocations where, List<Integer> ids) {
        OffsetSpec start = plan.start();
        if (start instanceof OffsetSpec.Timestamp) {
            // A bucket with nothing at or after the timestamp has no such offset: start at its end.
            return Mono.zip(cluster.listOffsets(where.partitionName(), ids, start),
                            cluster.listOffsets(where.partitionName(), ids, OffsetSpec.latest()))
                    .map(both -> {
                        Map<Integer, Long> offsets = new HashMap<>(both.getT1());
                        offsets.replaceAll((bucket, offset) -> offset < 0 ? both.getT2().get(bucket) : offset);
                        return offsets;
                    });
        }
        return cluster.listOffsets(where.partitionName(), ids, start);
    }
}
