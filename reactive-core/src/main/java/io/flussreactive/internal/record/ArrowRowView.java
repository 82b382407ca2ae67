package io.flussreactive.internal.record;

import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import java.util.Objects;

/** One row of an {@link ArrowRowReader}'s root; reads each value when asked for it. */
final class ArrowRowView implements Row {

    private final ArrowRowReader reader;
    private final int index;

    ArrowRowView(ArrowRowReader reader, int index) {
        this.reader = reader;
        this.index = index;
    }

    @Override
    public int fieldCount() {
        return reader.columnCount();
    }

    @Override
    public boolean isNull(int pos) {
        Objects.checkIndex(pos, reader.columnCount());
        return reader.isNull(index, pos);
    }

    @Override
    public Object get(int pos) {
        Objects.checkIndex(pos, reader.columnCount());
        return reader.value(index, pos);
    }

    @Override
    public String toString() {
        return GenericRow.copyOf(this).toString();
    }
}
