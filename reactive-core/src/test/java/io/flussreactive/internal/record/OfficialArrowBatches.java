package io.flussreactive.internal.record;

import io.flussreactive.admin.ArrowCompression;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.scan.ChangeType;
import io.flussreactive.type.ArrayType;
import io.flussreactive.type.BinaryType;
import io.flussreactive.type.CharType;
import io.flussreactive.type.DataField;
import io.flussreactive.type.DataType;
import io.flussreactive.type.DecimalType;
import io.flussreactive.type.LocalZonedTimestampType;
import io.flussreactive.type.MapType;
import io.flussreactive.type.RowType;
import io.flussreactive.type.TimeType;
import io.flussreactive.type.TimestampType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.fluss.compression.ArrowCompressionInfo;
import org.apache.fluss.compression.ArrowCompressionType;
import org.apache.fluss.memory.UnmanagedPagedOutputView;
import org.apache.fluss.record.LogRecord;
import org.apache.fluss.record.LogRecordBatch;
import org.apache.fluss.record.LogRecordReadContext;
import org.apache.fluss.record.MemoryLogRecords;
import org.apache.fluss.record.MemoryLogRecordsArrowBuilder;
import org.apache.fluss.record.bytesview.MultiBytesView;
import org.apache.fluss.row.BinaryString;
import org.apache.fluss.row.DataGetters;
import org.apache.fluss.row.Decimal;
import org.apache.fluss.row.GenericArray;
import org.apache.fluss.row.GenericMap;
import org.apache.fluss.row.InternalArray;
import org.apache.fluss.row.InternalMap;
import org.apache.fluss.row.TimestampLtz;
import org.apache.fluss.row.TimestampNtz;
import org.apache.fluss.row.arrow.ArrowWriter;
import org.apache.fluss.row.arrow.ArrowWriterPool;
import org.apache.fluss.shaded.arrow.org.apache.arrow.memory.BufferAllocator;
import org.apache.fluss.shaded.arrow.org.apache.arrow.memory.RootAllocator;
import org.apache.fluss.shaded.netty4.io.netty.buffer.ByteBuf;
import org.apache.fluss.types.DataTypes;

/**
 * Builds and reads ARROW log batches with the official client 0.9.1 (its own classes and its shaded
 * Arrow 15), converting between our Java values and its internal row values.
 */
final class OfficialArrowBatches {

    private static final int PAGE_SIZE = 4 * 1024 * 1024;

    private OfficialArrowBatches() {}

    /** A batch as the official record builder writes it, with its change types if not append-only. */
    static byte[] build(RowType rowType, List<Row> rows, List<ChangeType> changeTypes, ArrowCompression compression,
            int zstdLevel, int schemaId, long writerId, int batchSequence) throws Exception {
        org.apache.fluss.types.RowType officialType = (org.apache.fluss.types.RowType) toOfficialType(rowType);
        ArrowCompressionInfo compressionInfo = switch (compression) {
            case NONE -> new ArrowCompressionInfo(ArrowCompressionType.NONE, -1);
            case LZ4_FRAME -> new ArrowCompressionInfo(ArrowCompressionType.LZ4_FRAME, -1);
            case ZSTD -> new ArrowCompressionInfo(ArrowCompressionType.ZSTD, zstdLevel);
        };
        try (BufferAllocator allocator = new RootAllocator(Long.MAX_VALUE);
                ArrowWriterPool pool = new ArrowWriterPool(allocator)) {
            ArrowWriter writer = pool.getOrCreateWriter(1L, schemaId, Integer.MAX_VALUE, officialType, compressionInfo);
            MemoryLogRecordsArrowBuilder builder = MemoryLogRecordsArrowBuilder.builder(
                    schemaId, writer, new UnmanagedPagedOutputView(PAGE_SIZE), changeTypes == null);
            for (int i = 0; i < rows.size(); i++) {
                org.apache.fluss.record.ChangeType changeType = changeTypes == null
                        ? org.apache.fluss.record.ChangeType.APPEND_ONLY
                        : org.apache.fluss.record.ChangeType.fromByteValue(changeTypes.get(i).toByteValue());
                builder.append(changeType, (org.apache.fluss.row.InternalRow) toOfficial(rowType, rows.get(i)));
            }
            builder.setWriterState(writerId, batchSequence);
            MultiBytesView view = builder.build();
            ByteBuf bytes = view.getByteBuf();
            byte[] result = new byte[view.getBytesLength()];
            bytes.getBytes(bytes.readerIndex(), result);
            builder.close();
            return result;
        }
    }

    /** A record read by the official reader, in our Java values. */
    record OfficialRecord(long offset, long timestamp, ChangeType changeType, Row row) {}

    /**
     * Reads every batch of a records blob with the official reader, after checking each batch as the
     * server does (size and CRC).
     */
    static List<OfficialRecord> read(RowType rowType, int schemaId, byte[] records) {
        org.apache.fluss.types.RowType officialType = (org.apache.fluss.types.RowType) toOfficialType(rowType);
        List<OfficialRecord> result = new ArrayList<>();
        try (LogRecordReadContext context = LogRecordReadContext.createArrowReadContext(officialType, schemaId, null)) {
            for (LogRecordBatch batch : MemoryLogRecords.pointToBytes(records).batches()) {
                batch.ensureValid();
                try (var iterator = batch.records(context)) {
                    while (iterator.hasNext()) {
                        LogRecord record = iterator.next();
                        result.add(new OfficialRecord(record.logOffset(), record.timestamp(),
                                ChangeType.fromByteValue(record.getChangeType().toByteValue()),
                                fromOfficial(rowType, record.getRow())));
                    }
                }
            }
        }
        return result;
    }

    /** The official client's form of one of our types. */
    static org.apache.fluss.types.DataType toOfficialType(DataType type) {
        org.apache.fluss.types.DataType official = switch (type.root()) {
            case BOOLEAN -> DataTypes.BOOLEAN();
            case TINYINT -> DataTypes.TINYINT();
            case SMALLINT -> DataTypes.SMALLINT();
            case INTEGER -> DataTypes.INT();
            case BIGINT -> DataTypes.BIGINT();
            case FLOAT -> DataTypes.FLOAT();
            case DOUBLE -> DataTypes.DOUBLE();
            case CHAR -> DataTypes.CHAR(((CharType) type).length());
            case STRING -> DataTypes.STRING();
            case BINARY -> DataTypes.BINARY(((BinaryType) type).length());
            case BYTES -> DataTypes.BYTES();
            case DECIMAL -> DataTypes.DECIMAL(((DecimalType) type).precision(), ((DecimalType) type).scale());
            case DATE -> DataTypes.DATE();
            case TIME_WITHOUT_TIME_ZONE -> DataTypes.TIME(((TimeType) type).precision());
            case TIMESTAMP_WITHOUT_TIME_ZONE -> DataTypes.TIMESTAMP(((TimestampType) type).precision());
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
                    DataTypes.TIMESTAMP_LTZ(((LocalZonedTimestampType) type).precision());
            case ARRAY -> DataTypes.ARRAY(toOfficialType(((ArrayType) type).elementType()));
            case MAP -> DataTypes.MAP(toOfficialType(((MapType) type).keyType()),
                    toOfficialType(((MapType) type).valueType()));
            case ROW -> {
                List<org.apache.fluss.types.DataField> fields = new ArrayList<>();
                for (DataField field : ((RowType) type).fields()) {
                    fields.add(DataTypes.FIELD(field.name(), toOfficialType(field.type())));
                }
                yield DataTypes.ROW(fields.toArray(new org.apache.fluss.types.DataField[0]));
            }
        };
        return official.copy(type.nullable());
    }

    /** The official internal value of one of our Java values. */
    static Object toOfficial(DataType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type.root()) {
            case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE, BINARY, BYTES -> value;
            case CHAR, STRING -> BinaryString.fromString((String) value);
            case DECIMAL -> Decimal.fromBigDecimal((BigDecimal) value, ((DecimalType) type).precision(),
                    ((DecimalType) type).scale());
            case DATE -> (int) ((LocalDate) value).toEpochDay();
            case TIME_WITHOUT_TIME_ZONE -> (int) (((LocalTime) value).toNanoOfDay() / 1_000_000);
            case TIMESTAMP_WITHOUT_TIME_ZONE -> TimestampNtz.fromLocalDateTime((LocalDateTime) value);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> TimestampLtz.fromInstant((Instant) value);
            case ARRAY -> {
                List<?> list = (List<?>) value;
                Object[] items = new Object[list.size()];
                for (int i = 0; i < items.length; i++) {
                    items[i] = toOfficial(((ArrayType) type).elementType(), list.get(i));
                }
                yield new GenericArray(items);
            }
            case MAP -> {
                MapType mapType = (MapType) type;
                Map<Object, Object> map = new LinkedHashMap<>();
                ((Map<?, ?>) value).forEach((k, v) ->
                        map.put(toOfficial(mapType.keyType(), k), toOfficial(mapType.valueType(), v)));
                yield new GenericMap(map);
            }
            case ROW -> {
                RowType rowType = (RowType) type;
                Row row = (Row) value;
                org.apache.fluss.row.GenericRow official = new org.apache.fluss.row.GenericRow(rowType.fieldCount());
                for (int i = 0; i < rowType.fieldCount(); i++) {
                    official.setField(i, toOfficial(rowType.fields().get(i).type(), row.get(i)));
                }
                yield official;
            }
        };
    }

    /** Our row of an official row. */
    static GenericRow fromOfficial(RowType rowType, org.apache.fluss.row.InternalRow row) {
        GenericRow result = GenericRow.ofSize(rowType.fieldCount());
        for (int i = 0; i < rowType.fieldCount(); i++) {
            result.set(i, fromOfficial(rowType.fields().get(i).type(), row, i));
        }
        return result;
    }

    private static Object fromOfficial(DataType type, DataGetters getters, int pos) {
        if (getters.isNullAt(pos)) {
            return null;
        }
        return switch (type.root()) {
            case BOOLEAN -> getters.getBoolean(pos);
            case TINYINT -> getters.getByte(pos);
            case SMALLINT -> getters.getShort(pos);
            case INTEGER -> getters.getInt(pos);
            case BIGINT -> getters.getLong(pos);
            case FLOAT -> getters.getFloat(pos);
            case DOUBLE -> getters.getDouble(pos);
            case CHAR, STRING -> getters.getString(pos).toString();
            case BINARY -> getters.getBinary(pos, ((BinaryType) type).length());
            case BYTES -> getters.getBytes(pos);
            case DECIMAL -> getters.getDecimal(pos, ((DecimalType) type).precision(), ((DecimalType) type).scale())
                    .toBigDecimal();
            case DATE -> LocalDate.ofEpochDay(getters.getInt(pos));
            case TIME_WITHOUT_TIME_ZONE -> LocalTime.ofNanoOfDay(getters.getInt(pos) * 1_000_000L);
            case TIMESTAMP_WITHOUT_TIME_ZONE ->
                    getters.getTimestampNtz(pos, ((TimestampType) type).precision()).toLocalDateTime();
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
                    getters.getTimestampLtz(pos, ((LocalZonedTimestampType) type).precision()).toInstant();
            case ARRAY -> {
                InternalArray array = getters.getArray(pos);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < array.size(); i++) {
                    items.add(fromOfficial(((ArrayType) type).elementType(), array, i));
                }
                yield items;
            }
            case MAP -> {
                MapType mapType = (MapType) type;
                InternalMap map = getters.getMap(pos);
                Map<Object, Object> entries = new LinkedHashMap<>();
                for (int i = 0; i < map.size(); i++) {
                    entries.put(fromOfficial(mapType.keyType(), map.keyArray(), i),
                            fromOfficial(mapType.valueType(), map.valueArray(), i));
                }
                yield entries;
            }
            case ROW -> {
                RowType rowType = (RowType) type;
                yield fromOfficial(rowType, getters.getRow(pos, rowType.fieldCount()));
            }
        };
    }
}
