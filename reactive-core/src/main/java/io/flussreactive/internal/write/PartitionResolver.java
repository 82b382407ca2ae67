package io.flussreactive.internal.write;

import io.flussreactive.admin.FlussAdmin;
import io.flussreactive.admin.PartitionSpec;
import io.flussreactive.error.PartitionNotExistException;
import io.flussreactive.internal.meta.MetadataManager;
import io.flussreactive.internal.meta.TableLocations;
import io.flussreactive.table.TablePath;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Finds the id and bucket leaders of a partition by name, creating the partition first when it does
 * not exist and the writer may create partitions.
 */
final class PartitionResolver {

    /** A partition just created may not be visible in metadata at once; ask again this often. */
    private static final int NOT_VISIBLE_RETRIES = 10;

    private final MetadataManager metadata;
    private final FlussAdmin admin;
    private final TablePath table;
    private final List<String> partitionKeys;
    private final boolean createMissing;

    PartitionResolver(MetadataManager metadata, FlussAdmin admin, TablePath table, List<String> partitionKeys,
            boolean createMissing) {
        this.metadata = metadata;
        this.admin = admin;
        this.table = table;
        this.partitionKeys = partitionKeys;
        this.createMissing = createMissing;
    }

    /**
     * Where the buckets of the named partition are.
     *
     * @return the locations; or a {@link PartitionNotExistException} when the partition does not exist
     *     and may not be created
     */
    Mono<TableLocations> resolve(String partitionName) {
        Mono<TableLocations> existing = metadata.partitionLocations(table, partitionName);
        if (!createMissing) {
            return existing.onErrorMap(PartitionNotExistException.class, e -> new PartitionNotExistException(
                    "Partition '" + partitionName + "' of " + table + " does not exist, and this writer does not "
                            + "create partitions (createMissingPartitions is off)", e));
        }
        return existing.onErrorResume(PartitionNotExistException.class, missing -> admin
                .createPartition(table, specOf(partitionName), true)
                .then(Mono.defer(() -> metadata.partitionLocations(table, partitionName)))
                .retryWhen(Retry.backoff(NOT_VISIBLE_RETRIES, Duration.ofMillis(50))
                        .maxBackoff(Duration.ofSeconds(1))
                        .filter(PartitionNotExistException.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure())));
    }

    /** The spec of a partition from its name: the values, in partition-key order, joined by {@code $}. */
    PartitionSpec specOf(String partitionName) {
        String[] values = partitionName.split("\\$", -1);
        if (values.length != partitionKeys.size()) {
            throw new IllegalArgumentException("Partition name '" + partitionName + "' does not have one value per "
                    + "partition key " + partitionKeys);
        }
        Map<String, String> spec = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            spec.put(partitionKeys.get(i), values[i]);
        }
        return PartitionSpec.of(spec);
    }
}
