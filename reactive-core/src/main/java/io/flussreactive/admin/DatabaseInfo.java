package io.flussreactive.admin;

import java.util.Objects;

/**
 * A database as the server describes it.
 *
 * @param databaseName the database name
 * @param descriptor the comment and custom properties it was created with
 * @param createdTime creation time, epoch milliseconds
 * @param modifiedTime last modification time, epoch milliseconds
 */
public record DatabaseInfo(String databaseName, DatabaseDescriptor descriptor, long createdTime, long modifiedTime) {

    /** Checks that name and descriptor are given. */
    public DatabaseInfo {
        Objects.requireNonNull(databaseName, "databaseName");
        Objects.requireNonNull(descriptor, "descriptor");
    }
}
