package io.flussreactive.internal.lookup;

import io.flussreactive.internal.record.KeyEncoder;
import java.util.List;

/**
 * What prefix lookups by some columns need.
 *
 * @param columns the lookup columns
 * @param encoder encodes rows of the lookup columns
 * @param positions the columns' positions in the table
 */
public record PrefixKey(List<String> columns, KeyEncoder encoder, int[] positions) {
}
