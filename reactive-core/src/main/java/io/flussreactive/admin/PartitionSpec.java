package io.flussreactive.admin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The value of each partition key of one partition, in partition-key order. Values are the
 * formatted strings that make up the partition name (for example {@code 2024-05-01} for a DATE).
 */
public final class PartitionSpec {

    private final Map<String, String> spec;

    private PartitionSpec(Map<String, String> spec) {
        this.spec = spec;
    }

    /**
     * Returns a spec with the entries of the map, in its iteration order.
     *
     * @param spec partition key to value; pass an ordered map when there are several keys
     * @return the spec
     */
    public static PartitionSpec of(Map<String, String> spec) {
        Map<String, String> copy = new LinkedHashMap<>();
        spec.forEach((key, value) ->
                copy.put(Objects.requireNonNull(key, "partition key"), Objects.requireNonNull(value, "partition value")));
        return new PartitionSpec(Collections.unmodifiableMap(copy));
    }

    /**
     * Returns a spec for a table with one partition key.
     *
     * @param key the partition key
     * @param value its value
     * @return the spec
     */
    public static PartitionSpec of(String key, String value) {
        return of(Map.of(key, value));
    }

    /**
     * Returns partition key to value, in partition-key order.
     *
     * @return an unmodifiable ordered map
     */
    public Map<String, String> spec() {
        return spec;
    }

    /**
     * Two specs are equal when they hold the same entries in the same order, since the order
     * decides the partition name.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof PartitionSpec that
                && new ArrayList<>(spec.entrySet()).equals(new ArrayList<>(that.spec.entrySet()));
    }

    @Override
    public int hashCode() {
        return new ArrayList<>(spec.entrySet()).hashCode();
    }

    @Override
    public String toString() {
        return "PartitionSpec" + spec;
    }
}
