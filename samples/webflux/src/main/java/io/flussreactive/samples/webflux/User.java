package io.flussreactive.samples.webflux;

import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A user of the primary-key table, as {@code GET /users/{id}} returns it.
 *
 * @param id the key
 * @param name the user's name
 * @param email the user's e-mail address, or null
 * @param updatedAt when the user was last written
 */
public record User(String id, String name, @Nullable String email, Instant updatedAt) {

    /** The user as a row of the users table ({@link SampleTables}). */
    Row toRow() {
        return GenericRow.of(id, name, email, updatedAt);
    }

    /**
     * What deletes a user: a row of the table's width holding only the key.
     *
     * @param id the key
     * @return the row to delete
     */
    static Row deletion(String id) {
        return GenericRow.of(id, null, null, null);
    }

    /**
     * Reads a user from a row of the users table.
     *
     * @param row a row of the users table
     * @return the user
     */
    static User fromRow(Row row) {
        return new User((String) row.get(0), (String) row.get(1), (String) row.get(2), (Instant) row.get(3));
    }
}
