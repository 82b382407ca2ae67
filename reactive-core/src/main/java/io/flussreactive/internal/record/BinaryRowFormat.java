package io.flussreactive.internal.record;

import io.flussreactive.admin.KvFormat;
import io.flussreactive.admin.LogFormat;
import io.flussreactive.type.RowType;

/**
 * The two binary row formats. A row nested in a row, array or map always uses the format of the
 * outermost row, so nested encoders are chosen through this type.
 */
enum BinaryRowFormat {
    /** {@link CompactedRowWriter} / {@link CompactedRowReader}. */
    COMPACTED {
        @Override
        BinaryRowWriter writerFor(RowType rowType) {
            return new CompactedRowWriter(rowType);
        }

        @Override
        BinaryRowReader readerFor(RowType rowType) {
            return new CompactedRowReader(rowType)::read;
        }
    },
    /** {@link IndexedRowWriter} / {@link IndexedRowReader}. */
    INDEXED {
        @Override
        BinaryRowWriter writerFor(RowType rowType) {
            return new IndexedRowWriter(rowType);
        }

        @Override
        BinaryRowReader readerFor(RowType rowType) {
            return new IndexedRowReader(rowType)::read;
        }
    };

    abstract BinaryRowWriter writerFor(RowType rowType);

    abstract BinaryRowReader readerFor(RowType rowType);

    /** The format of the rows of a log format. */
    static BinaryRowFormat of(LogFormat format) {
        return switch (format) {
            case INDEXED -> INDEXED;
            case COMPACTED -> COMPACTED;
            case ARROW -> throw new IllegalArgumentException("ARROW batches are not made of rows");
        };
    }

    /** The format of the values of a kv format. */
    static BinaryRowFormat of(KvFormat format) {
        return format == KvFormat.INDEXED ? INDEXED : COMPACTED;
    }
}
