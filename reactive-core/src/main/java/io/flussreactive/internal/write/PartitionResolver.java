package io.flussreactive.internal.write;

import io.flussreactive.RetryPolicies.Operation;
import io.flussreactive.admin.FlussAdmin;
import io.flussreactive.admin.PartitionSpec;
import io.flussreactive.error.PartitionNotExistException;
import io.flussreactive.internal.retry.Retries;
import io.flussreactive.internal.meta.MetadataManager;
import io.flussreactive.internal.meta.TableLocations;
import io.flussreactive.table.TablePath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import io.github.resilience4j.retry.Retry;

/**
 * Finds the id and bucket leaders of a partition by name, creating the partition first when it does
 * not exist and the writer may create partitions.
 */
final class PartitionResolver {

    private final MetadataManager metadata;
    private final FlussAdmin admin;
    private final TablePath table;
    private final List<String> partitionKeys;
    private final boolean createMissing;
    /** A partition just created may not be in the metadata at once: asks again until it is. */
    private final Retry untilVisible;

    PartitionResolver(MetadataManager metadata, FlussAdmin admin, TablePath table, List<String> partitionKeys,
            boolean createMissing, Retries retries) {
        this.metadata = metadata;
        this.admin = admin;
        this.table = table;
        this.partitionKeys = partitionKeys;
        this.createMissing = createMissing;
        this.untilVisible = retries.retry(
                Operation.METADATA, "partition-created", PartitionNotExistException.class::isInstance);
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
                .then(Mono.defer(() -> metadata.partitionLocations(table, partitionName))
                        .transformDeferred(Retries.onMono(untilVisible))));
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
