package io.flussreactive.admin;

/** The row encoding of the values of a primary-key table (table property {@value TableProperties#KV_FORMAT}). */
public enum KvFormat {
    /** The compacted row encoding; the default. */
    COMPACTED,
    /** The indexed row encoding. */
    INDEXED
}
