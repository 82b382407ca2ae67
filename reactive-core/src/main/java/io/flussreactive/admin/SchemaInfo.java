package io.flussreactive.admin;

import java.util.Objects;

/**
 * One version of a table's schema, as numbered by the server. Log and KV batches name the schema
 * id their rows were written with.
 *
 * @param schemaId the schema id, 1 for the schema a table was created with
 * @param schema the schema
 */
public record SchemaInfo(int schemaId, Schema schema) {

    /** Checks that the schema is given. */
    public SchemaInfo {
        Objects.requireNonNull(schema, "schema");
    }
}
