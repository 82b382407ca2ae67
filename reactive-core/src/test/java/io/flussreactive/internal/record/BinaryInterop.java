package io.flussreactive.internal.record;

import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
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
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.fluss.row.BinaryRow;
import org.apache.fluss.row.BinaryString;
import org.apache.fluss.row.Decimal;
import org.apache.fluss.row.GenericArray;
import org.apache.fluss.row.GenericMap;
import org.apache.fluss.row.InternalArray;
import org.apache.fluss.row.InternalMap;
import org.apache.fluss.row.InternalRow;
import org.apache.fluss.row.TimestampLtz;
import org.apache.fluss.row.TimestampNtz;
import org.apache.fluss.row.serializer.ArraySerializer;
import org.apache.fluss.row.serializer.MapSerializer;
import org.apache.fluss.types.DataTypes;

/**
 * Moves types, values and rows between our model and the official client's, and puts values into a
 * form that compares by content, for tests that hold our encodings against the official ones.
 */
final class BinaryInterop {

    private BinaryInterop() {
    }

    /** The official client's form of a type. */
    static org.apache.fluss.types.DataType toUpstream(DataType type) {
        org.apache.fluss.types.DataType upstream = switch (type.root()) {
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
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> DataTypes.TIMESTAMP_LTZ(((LocalZonedTimestampType) type).precision());
            case ARRAY -> DataTypes.ARRAY(toUpstream(((ArrayType) type).elementType()));
            case MAP -> DataTypes.MAP(toUpstream(((MapType) type).keyType()), toUpstream(((MapType) type).valueType()));
            case ROW -> toUpstream((RowType) type);
        };
        return upstream.copy(type.nullable());
    }

    /** The official client's form of a row type. */
    static org.apache.fluss.types.RowType toUpstream(RowType type) {
        List<org.apache.fluss.types.DataField> fields = new ArrayList<>();
        for (DataField field : type.fields()) {
            fields.add(DataTypes.FIELD(field.name(), toUpstream(field.type())));
        }
        return (org.apache.fluss.types.RowType) DataTypes.ROW(fields.toArray(new org.apache.fluss.types.DataField[0]))
                .copy(type.nullable());
    }

    /** The official client's name of a row format. */
    static BinaryRow.BinaryRowFormat toUpstream(BinaryRowFormat format) {
        return format == BinaryRowFormat.COMPACTED ? BinaryRow.BinaryRowFormat.COMPACTED : BinaryRow.BinaryRowFormat.INDEXED;
    }

    static org.apache.fluss.types.DataType[] fieldTypes(RowType type) {
        return toUpstream(type).getChildren().toArray(new org.apache.fluss.types.DataType[0]);
    }

    /**
     * The official client's internal form of a value of our model.
     *
     * <p>With a format, every array and map is handed over already serialized by a new official
     * serializer of that format. The official encoders pass such values through unchanged; it keeps
     * them from reusing one array writer for several arrays, which leaves the bytes of an earlier
     * array in the slots of later null elements (bytes no reader looks at, but that a byte
     * comparison sees).
     */
    static Object toUpstream(DataType type, Object value, BinaryRow.BinaryRowFormat format) {
        if (value == null) {
            return null;
        }
        return switch (type.root()) {
            case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE, BINARY, BYTES -> value;
            case CHAR, STRING -> BinaryString.fromString((String) value);
            case DECIMAL -> Decimal.fromBigDecimal(
                    (BigDecimal) value, ((DecimalType) type).precision(), ((DecimalType) type).scale());
            case DATE -> (int) ((LocalDate) value).toEpochDay();
            case TIME_WITHOUT_TIME_ZONE -> (int) (((LocalTime) value).toNanoOfDay() / 1_000_000);
            case TIMESTAMP_WITHOUT_TIME_ZONE -> TimestampNtz.fromLocalDateTime((LocalDateTime) value);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> TimestampLtz.fromInstant((Instant) value);
            case ARRAY -> {
                DataType elementType = ((ArrayType) type).elementType();
                List<?> list = (List<?>) value;
                Object[] elements = new Object[list.size()];
                for (int i = 0; i < elements.length; i++) {
                    elements[i] = toUpstream(elementType, list.get(i), format);
                }
                GenericArray array = new GenericArray(elements);
                yield format == null ? array : new ArraySerializer(toUpstream(elementType), format).toBinaryArray(array);
            }
            case MAP -> {
                MapType mapType = (MapType) type;
                Map<Object, Object> map = new LinkedHashMap<>();
                ((Map<?, ?>) value).forEach((k, v) ->
                        map.put(toUpstream(mapType.keyType(), k, format), toUpstream(mapType.valueType(), v, format)));
                GenericMap generic = new GenericMap(map);
                yield format == null
                        ? generic
                        : new MapSerializer(toUpstream(mapType.keyType()), toUpstream(mapType.valueType()), format)
                                .toBinaryMap(generic);
            }
            case ROW -> toUpstream((RowType) type, (Row) value, format);
        };
    }

    /** The official client's form of a row of our model; see {@link #toUpstream(DataType, Object, BinaryRow.BinaryRowFormat)}. */
    static org.apache.fluss.row.GenericRow toUpstream(RowType type, Row row, BinaryRow.BinaryRowFormat format) {
        org.apache.fluss.row.GenericRow upstream = new org.apache.fluss.row.GenericRow(type.fieldCount());
        for (int i = 0; i < type.fieldCount(); i++) {
            upstream.setField(i, toUpstream(type.fields().get(i).type(), row.get(i), format));
        }
        return upstream;
    }

    /** Our model's form of an official row, read with the official getters. */
    static Row fromUpstream(RowType type, InternalRow row) {
        GenericRow ours = GenericRow.ofSize(type.fieldCount());
        for (int i = 0; i < type.fieldCount(); i++) {
            DataType fieldType = type.fields().get(i).type();
            Object value = row.isNullAt(i)
                    ? null
                    : InternalRow.createFieldGetter(toUpstream(fieldType).copy(false), i).getFieldOrNull(row);
            ours.set(i, fromUpstream(fieldType, value));
        }
        return ours;
    }

    /** Our model's form of an official internal value. */
    static Object fromUpstream(DataType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type.root()) {
            case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE, BINARY, BYTES -> value;
            case CHAR, STRING -> value.toString();
            case DECIMAL -> ((Decimal) value).toBigDecimal();
            case DATE -> LocalDate.ofEpochDay((Integer) value);
            case TIME_WITHOUT_TIME_ZONE -> LocalTime.ofNanoOfDay((Integer) value * 1_000_000L);
            case TIMESTAMP_WITHOUT_TIME_ZONE -> ((TimestampNtz) value).toLocalDateTime();
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> ((TimestampLtz) value).toInstant();
            case ARRAY -> elements(((ArrayType) type).elementType(), (InternalArray) value);
            case MAP -> {
                MapType mapType = (MapType) type;
                InternalMap map = (InternalMap) value;
                List<Object> keys = elements(mapType.keyType(), map.keyArray());
                List<Object> values = elements(mapType.valueType(), map.valueArray());
                Map<Object, Object> ours = new LinkedHashMap<>();
                for (int i = 0; i < keys.size(); i++) {
                    ours.put(keys.get(i), values.get(i));
                }
                yield ours;
            }
            case ROW -> fromUpstream((RowType) type, (InternalRow) value);
        };
    }

    private static List<Object> elements(DataType elementType, InternalArray array) {
        InternalArray.ElementGetter getter = InternalArray.createElementGetter(toUpstream(elementType).copy(false));
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            elements.add(array.isNullAt(i) ? null : fromUpstream(elementType, getter.getElementOrNull(array, i)));
        }
        return elements;
    }

    static byte[] bytesOf(BinaryRow row) {
        byte[] bytes = new byte[row.getSizeInBytes()];
        row.copyTo(bytes, 0);
        return bytes;
    }

    /**
     * A form of a value that compares by content all the way down: byte arrays become buffers, rows
     * become lists, maps keep their entries in order.
     */
    static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes);
        }
        if (value instanceof Row row) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < row.fieldCount(); i++) {
                values.add(comparable(row.get(i)));
            }
            return values;
        }
        if (value instanceof List<?> list) {
            List<Object> values = new ArrayList<>();
            list.forEach(element -> values.add(comparable(element)));
            return values;
        }
        if (value instanceof Map<?, ?> map) {
            List<List<Object>> entries = new ArrayList<>();
            map.forEach((k, v) -> entries.add(List.of(comparable(k), comparable(v) == null ? "<null>" : comparable(v))));
            return entries;
        }
        return value;
    }
}
