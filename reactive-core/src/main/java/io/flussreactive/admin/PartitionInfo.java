package io.flussreactive.admin;

import java.util.Objects;

/**
 * A partition of a partitioned table.
 *
 * @param partitionId the id the server gave the partition; every request about its data carries it
 * @param spec the value of each partition key
 */
public record PartitionInfo(long partitionId, PartitionSpec spec) {

    /** Checks that the spec is given. */
    public PartitionInfo {
        Objects.requireNonNull(spec, "spec");
    }

    /**
     * Returns the partition name: the values joined with {@code $} in partition-key order.
     *
     * @return for example {@code 2024-05-01$eu}
     */
    public String partitionName() {
        return String.join("$", spec.spec().values());
    }
}
