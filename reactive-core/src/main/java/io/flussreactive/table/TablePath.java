package io.flussreactive.table;

import java.util.Objects;

/**
 * The name of a table: its database and its table name.
 *
 * <p>Only emptiness is checked here. The server enforces its naming rules (letters, digits,
 * {@code _} and {@code -}, at most 200 characters, no leading {@code __}) and reports violations
 * with its own message.
 *
 * @param databaseName the database name, not empty
 * @param tableName the table name, not empty
 */
public record TablePath(String databaseName, String tableName) {

    /** Checks that both names are given. */
    public TablePath {
        Objects.requireNonNull(databaseName, "databaseName");
        Objects.requireNonNull(tableName, "tableName");
        if (databaseName.isEmpty()) {
            throw new IllegalArgumentException("Database name must not be empty");
        }
        if (tableName.isEmpty()) {
            throw new IllegalArgumentException("Table name must not be empty");
        }
    }

    /**
     * Returns the path of a table.
     *
     * @param databaseName the database name, not empty
     * @param tableName the table name, not empty
     * @return the path
     */
    public static TablePath of(String databaseName, String tableName) {
        return new TablePath(databaseName, tableName);
    }

    /**
     * Returns {@code database.table}.
     *
     * @return the qualified name
     */
    @Override
    public String toString() {
        return databaseName + "." + tableName;
    }
}
