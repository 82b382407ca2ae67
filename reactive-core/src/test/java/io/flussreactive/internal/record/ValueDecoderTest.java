package io.flussreactive.internal.record;

import static io.flussreactive.internal.record.BinaryInterop.comparable;
import static io.flussreactive.internal.record.CompactedRowTest.row;
import static io.flussreactive.type.DataTypes.INT;
import static io.flussreactive.type.DataTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.admin.KvFormat;
import io.flussreactive.error.CorruptRecordException;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.type.RowType;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import org.apache.fluss.memory.MemorySegment;
import org.apache.fluss.record.DefaultValueRecordBatch;
import org.apache.fluss.row.BinaryRow;
import org.apache.fluss.row.compacted.CompactedRow;
import org.apache.fluss.row.encode.ValueEncoder;
import org.apache.fluss.row.indexed.IndexedRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Stored values and LimitScan value batches, as the official client writes them. */
class ValueDecoderTest {

    private static final RowType OLD_SCHEMA = row(INT(), STRING());
    private static final RowType NEW_SCHEMA = row(INT(), STRING(), INT());
    private static final Map<Integer, RowType> SCHEMAS = Map.of(1, OLD_SCHEMA, 2, NEW_SCHEMA);

    @ParameterizedTest
    @EnumSource(KvFormat.class)
    void valuesAreDecodedWithTheSchemaTheirIdNames(KvFormat format) {
        ValueDecoder decoder = new ValueDecoder(format, SCHEMAS::get);
        byte[] oldValue = ValueEncoder.encodeValue((short) 1, officialRow(format, OLD_SCHEMA, GenericRow.of(1, "a")));
        byte[] newValue = ValueEncoder.encodeValue((short) 2, officialRow(format, NEW_SCHEMA, GenericRow.of(2, null, 3)));

        assertThat(ValueDecoder.schemaIdOf(oldValue)).isEqualTo(1);
        assertThat(decoder.decode(oldValue)).isEqualTo(new ValueDecoder.Value(1, GenericRow.of(1, "a")));
        assertThat(decoder.decode(newValue)).isEqualTo(new ValueDecoder.Value(2, GenericRow.of(2, null, 3)));
    }

    @Test
    void randomValuesOfEveryTypeDecodeToTheirRows() {
        RowType type = BinaryRandomValues.everyTypeRow();
        ValueDecoder decoder = new ValueDecoder(KvFormat.COMPACTED, id -> type);
        BinaryRandomValues values = new BinaryRandomValues(31);

        for (int i = 0; i < 50; i++) {
            Row row = values.row(type);
            byte[] value = ValueEncoder.encodeValue((short) 7, officialRow(KvFormat.COMPACTED, type, row));

            ValueDecoder.Value decoded = decoder.decode(value);
            assertThat(decoded.schemaId()).isEqualTo(7);
            assertThat(comparable(decoded.row())).isEqualTo(comparable(row));
        }
    }

    @Test
    void limitScanValueBatchesAreDecodedInOrder() throws Exception {
        DefaultValueRecordBatch.Builder builder = DefaultValueRecordBatch.builder();
        builder.append((short) 1, officialRow(KvFormat.COMPACTED, OLD_SCHEMA, GenericRow.of(1, "a")));
        builder.append((short) 2, officialRow(KvFormat.COMPACTED, NEW_SCHEMA, GenericRow.of(2, "b", 3)));
        builder.append((short) 1, officialRow(KvFormat.COMPACTED, OLD_SCHEMA, GenericRow.of(4, null)));
        DefaultValueRecordBatch batch = builder.build();
        byte[] bytes = new byte[batch.sizeInBytes()];
        batch.getSegment().get(batch.getPosition(), bytes, 0, bytes.length);

        List<ValueDecoder.Value> values = new ValueDecoder(KvFormat.COMPACTED, SCHEMAS::get)
                .decodeBatch(Unpooled.wrappedBuffer(bytes));

        assertThat(values).containsExactly(
                new ValueDecoder.Value(1, GenericRow.of(1, "a")),
                new ValueDecoder.Value(2, GenericRow.of(2, "b", 3)),
                new ValueDecoder.Value(1, GenericRow.of(4, null)));
        assertThat(ValueDecoder.schemaIdsOfBatch(Unpooled.wrappedBuffer(bytes))).containsExactly(1, 2);
        assertThat(new ValueDecoder(KvFormat.COMPACTED, SCHEMAS::get).decodeBatch(Unpooled.EMPTY_BUFFER)).isEmpty();
    }

    @Test
    void unknownSchemasAndBrokenBytesFailClearly() {
        ValueDecoder decoder = new ValueDecoder(KvFormat.COMPACTED, SCHEMAS::get);

        assertThatThrownBy(() -> decoder.decode(new byte[] {9, 0, 0}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema id 9");
        assertThatThrownBy(() -> decoder.decode(new byte[] {1}))
                .isInstanceOf(CorruptRecordException.class);
        assertThatThrownBy(() -> decoder.decodeBatch(Unpooled.wrappedBuffer(new byte[] {20, 0, 0, 0, 0, 1, 0, 0, 0})))
                .isInstanceOf(CorruptRecordException.class);
    }

    private static BinaryRow officialRow(KvFormat format, RowType type, Row row) {
        BinaryRowFormat rowFormat = format == KvFormat.INDEXED ? BinaryRowFormat.INDEXED : BinaryRowFormat.COMPACTED;
        byte[] bytes = BinaryRowInteropTest.officialBytes(rowFormat, type, row);
        org.apache.fluss.types.DataType[] types = BinaryInterop.fieldTypes(type);
        if (format == KvFormat.INDEXED) {
            return IndexedRow.from(types, bytes);
        }
        CompactedRow compacted = new CompactedRow(types);
        compacted.pointTo(MemorySegment.wrap(bytes), 0, bytes.length);
        return compacted;
    }
}
