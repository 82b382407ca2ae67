package io.flussreactive.admin;

/** The body format of the log batches of a table (table property {@value TableProperties#LOG_FORMAT}). */
public enum LogFormat {
    /** Arrow IPC record batches; the default. */
    ARROW,
    /** Rows in the indexed row encoding. */
    INDEXED,
    /** Rows in the compacted row encoding. */
    COMPACTED
}
