package io.flussreactive.admin;

import io.flussreactive.type.DataType;
import java.util.Objects;

/**
 * One column of a {@link Schema}.
 *
 * @param name the column name, not blank
 * @param dataType the column type
 * @param comment a free-text comment, or {@code null}
 */
public record Column(String name, DataType dataType, String comment) {

    /** Checks name and type. */
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataType, "dataType");
        if (name.isBlank()) {
            throw new IllegalArgumentException("Column name must not be blank, but was '" + name + "'");
        }
    }

    /**
     * Creates a column without comment.
     *
     * @param name the column name, not blank
     * @param dataType the column type
     */
    public Column(String name, DataType dataType) {
        this(name, dataType, null);
    }

    /**
     * Returns {@code name TYPE}, followed by {@code COMMENT '...'} when there is a comment.
     *
     * @return the column as text
     */
    @Override
    public String toString() {
        String text = name + " " + dataType.summary();
        return comment == null ? text : text + " COMMENT '" + comment.replace("'", "''") + "'";
    }
}
