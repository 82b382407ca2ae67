package io.flussreactive.admin;

import io.flussreactive.type.DataField;
import io.flussreactive.type.DataType;
import io.flussreactive.type.RowType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The columns of a table and its primary key.
 *
 * <p>Primary-key columns are always NOT NULL: the builder changes their types accordingly, as the
 * server does.
 *
 * <pre>{@code
 * Schema schema = Schema.newBuilder()
 *         .column("id", DataTypes.BIGINT())
 *         .column("name", DataTypes.STRING()).withComment("display name")
 *         .primaryKey("id")
 *         .build();
 * }</pre>
 */
public final class Schema {

    private final List<Column> columns;
    private final List<String> primaryKey;
    private final RowType rowType;

    private Schema(List<Column> columns, List<String> primaryKey) {
        this.columns = List.copyOf(columns);
        this.primaryKey = List.copyOf(primaryKey);
        List<DataField> fields = new ArrayList<>(columns.size());
        for (Column column : columns) {
            fields.add(new DataField(column.name(), column.dataType()));
        }
        this.rowType = new RowType(fields);
    }

    /**
     * Starts a schema.
     *
     * @return an empty builder
     */
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * Returns the columns in table order.
     *
     * @return the columns
     */
    public List<Column> columns() {
        return columns;
    }

    /**
     * Returns the column names in table order.
     *
     * @return the names
     */
    public List<String> columnNames() {
        return rowType.fieldNames();
    }

    /**
     * Returns the named column.
     *
     * @param name a column name
     * @return the column, or empty if the schema has no such column
     */
    public Optional<Column> column(String name) {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst();
    }

    /**
     * Returns the primary-key column names in key order.
     *
     * @return the primary key, empty for a log table
     */
    public List<String> primaryKey() {
        return primaryKey;
    }

    /**
     * Tells whether the schema has a primary key.
     *
     * @return {@code true} for a primary-key table
     */
    public boolean hasPrimaryKey() {
        return !primaryKey.isEmpty();
    }

    /**
     * Returns the columns as a row type: one field per column, in table order.
     *
     * @return the row type of a table row
     */
    public RowType rowType() {
        return rowType;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Schema that
                && columns.equals(that.columns)
                && primaryKey.equals(that.primaryKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, primaryKey);
    }

    @Override
    public String toString() {
        return "Schema{columns=" + columns + ", primaryKey=" + primaryKey + "}";
    }

    /** Collects columns and the primary key, and checks them when the schema is built. */
    public static final class Builder {

        private final List<Column> columns = new ArrayList<>();
        private List<String> primaryKey = List.of();

        private Builder() {}

        /**
         * Appends a column.
         *
         * @param name the column name
         * @param dataType the column type
         * @return this builder
         */
        public Builder column(String name, DataType dataType) {
            columns.add(new Column(name, dataType));
            return this;
        }

        /**
         * Sets the comment of the column added last.
         *
         * @param comment the comment, or {@code null} for none
         * @return this builder
         * @throws IllegalStateException if no column has been added yet
         */
        public Builder withComment(String comment) {
            if (columns.isEmpty()) {
                throw new IllegalStateException("withComment(...) must follow a column(...)");
            }
            Column last = columns.get(columns.size() - 1);
            columns.set(columns.size() - 1, new Column(last.name(), last.dataType(), comment));
            return this;
        }

        /**
         * Sets the primary key.
         *
         * @param columnNames the key columns in key order, at least one
         * @return this builder
         */
        public Builder primaryKey(String... columnNames) {
            return primaryKey(Arrays.asList(columnNames));
        }

        /**
         * Sets the primary key.
         *
         * @param columnNames the key columns in key order, at least one
         * @return this builder
         */
        public Builder primaryKey(List<String> columnNames) {
            Objects.requireNonNull(columnNames, "columnNames");
            if (columnNames.isEmpty()) {
                throw new IllegalArgumentException("A primary key needs at least one column");
            }
            this.primaryKey = List.copyOf(columnNames);
            return this;
        }

        /**
         * Checks the columns and the primary key and builds the schema. Primary-key columns become
         * NOT NULL.
         *
         * @return the schema
         * @throws IllegalArgumentException if two columns share a name, or the primary key repeats
         *     a column or names one that does not exist
         */
        public Schema build() {
            List<String> names = columns.stream().map(Column::name).toList();
            Set<String> duplicateColumns = duplicates(names);
            if (!duplicateColumns.isEmpty()) {
                throw new IllegalArgumentException("Duplicate column names: " + duplicateColumns);
            }
            Set<String> duplicateKeyColumns = duplicates(primaryKey);
            if (!duplicateKeyColumns.isEmpty()) {
                throw new IllegalArgumentException(
                        "Primary key " + primaryKey + " repeats columns: " + duplicateKeyColumns);
            }
            for (String keyColumn : primaryKey) {
                if (!names.contains(keyColumn)) {
                    throw new IllegalArgumentException(
                            "Primary key column '" + keyColumn + "' is not a column of the schema " + names);
                }
            }
            List<Column> finalColumns = new ArrayList<>(columns.size());
            for (Column column : columns) {
                boolean forceNotNull = primaryKey.contains(column.name()) && column.dataType().nullable();
                finalColumns.add(forceNotNull
                        ? new Column(column.name(), column.dataType().notNull(), column.comment())
                        : column);
            }
            return new Schema(finalColumns, primaryKey);
        }

        private static Set<String> duplicates(List<String> names) {
            Set<String> seen = new HashSet<>();
            Set<String> duplicates = new LinkedHashSet<>();
            for (String name : names) {
                if (!seen.add(name)) {
                    duplicates.add(name);
                }
            }
            return duplicates;
        }
    }
}
