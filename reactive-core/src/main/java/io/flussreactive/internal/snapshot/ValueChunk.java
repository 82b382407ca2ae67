package io.flussreactive.internal.snapshot;

import java.util.List;

/**
 * Consecutive values of a KV snapshot, in key order.
 *
 * @param values the stored values: a schema id, then the row
 * @param last whether no value of the snapshot comes after them
 */
public record ValueChunk(List<byte[]> values, boolean last) {
}
