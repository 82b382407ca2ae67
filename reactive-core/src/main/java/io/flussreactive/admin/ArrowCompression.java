package io.flussreactive.admin;

/**
 * The compression codec of ARROW log batches (table property {@value
 * TableProperties#LOG_ARROW_COMPRESSION_TYPE}).
 */
public enum ArrowCompression {
    /** No compression. */
    NONE,
    /** LZ4 frame compression. */
    LZ4_FRAME,
    /** Zstandard compression; the default, at level 3 unless configured otherwise. */
    ZSTD
}
