package io.flussreactive.internal.record;

import io.flussreactive.row.Row;
import io.netty.buffer.ByteBuf;

/** Reads rows of one row type, in one binary row format, from a buffer. */
interface BinaryRowReader {

    /**
     * Reads the row held by {@code length} bytes at absolute index {@code offset}; the buffer's
     * indexes are not changed.
     *
     * @throws io.flussreactive.error.CorruptRecordException if the bytes are not such a row
     */
    Row read(ByteBuf buf, int offset, int length);
}
