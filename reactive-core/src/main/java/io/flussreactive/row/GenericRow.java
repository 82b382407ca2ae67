package io.flussreactive.row;

import java.util.Arrays;
import java.util.Objects;

/**
 * A row that holds its values in an array: what applications build to write, and what copies of
 * read rows are.
 *
 * <pre>{@code
 * Row order = GenericRow.of(1001L, "alice", new BigDecimal("12.50"), Instant.now());
 * }</pre>
 *
 * <p>Values use the Java representations listed in {@link Row}. A row handed to a writer must not be
 * changed afterwards.
 */
public final class GenericRow implements Row {

    private final Object[] values;

    private GenericRow(Object[] values) {
        this.values = values;
    }

    /**
     * A row of these values, in column order. The array is not copied.
     *
     * @param values the values; null for a null value
     * @return the row
     */
    public static GenericRow of(Object... values) {
        return new GenericRow(Objects.requireNonNull(values, "values"));
    }

    /**
     * A row of {@code fieldCount} null values, to fill with {@link #set(int, Object)}.
     *
     * @param fieldCount the number of values
     * @return the row
     */
    public static GenericRow ofSize(int fieldCount) {
        return new GenericRow(new Object[fieldCount]);
    }

    /**
     * A copy of any row that owns its values, detached from the memory the original may view; nested
     * rows are copied too.
     *
     * @param row the row to copy
     * @return the copy
     */
    public static GenericRow copyOf(Row row) {
        if (row instanceof GenericRow generic) {
            return new GenericRow(generic.values.clone());
        }
        Object[] values = new Object[row.fieldCount()];
        for (int i = 0; i < values.length; i++) {
            Object value = row.get(i);
            values[i] = value instanceof Row nested ? copyOf(nested) : value;
        }
        return new GenericRow(values);
    }

    /**
     * Sets the value at {@code pos}.
     *
     * @param pos the position
     * @param value the value, or null
     * @return this row
     */
    public GenericRow set(int pos, Object value) {
        values[pos] = value;
        return this;
    }

    @Override
    public int fieldCount() {
        return values.length;
    }

    @Override
    public boolean isNull(int pos) {
        return values[pos] == null;
    }

    @Override
    public Object get(int pos) {
        return values[pos];
    }

    /** Rows are equal when they hold equal values; byte arrays compare by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof GenericRow that && Arrays.deepEquals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(", ");
            }
            Object value = values[i];
            text.append(value instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(value));
        }
        return text.append(')').toString();
    }
}
