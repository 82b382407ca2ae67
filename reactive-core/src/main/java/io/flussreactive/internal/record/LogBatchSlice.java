package io.flussreactive.internal.record;

import io.netty.buffer.ByteBuf;

/**
 * One complete batch of a records blob.
 *
 * @param header the batch header
 * @param bytes the whole batch, header included: a slice of the blob that shares its memory and
 *     reference count (not retained)
 */
public record LogBatchSlice(LogBatchHeader header, ByteBuf bytes) {}
