/**
 * The JSON forms of data types, schemas, table descriptors and database descriptors that travel
 * inside Fluss RPC messages ({@code data_type_json}, {@code schema_json}, {@code table_json},
 * {@code database_json}). Writing produces exactly the keys the server expects; reading accepts
 * everything a 0.9.1 server returns and ignores keys it does not know.
 */
package io.flussreactive.internal.json;
