package io.flussreactive.interop;

import io.flussreactive.row.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.fluss.row.BinaryString;
import org.apache.fluss.row.Decimal;
import org.apache.fluss.row.GenericArray;
import org.apache.fluss.row.GenericMap;
import org.apache.fluss.row.GenericRow;
import org.apache.fluss.row.InternalArray;
import org.apache.fluss.row.InternalMap;
import org.apache.fluss.row.InternalRow;
import org.apache.fluss.row.TimestampLtz;
import org.apache.fluss.row.TimestampNtz;
import org.apache.fluss.types.ArrayType;
import org.apache.fluss.types.DataType;
import org.apache.fluss.types.DecimalType;
import org.apache.fluss.types.MapType;
import org.apache.fluss.types.RowType;

/**
 * Converts values between our Java representations (see {@link Row}) and the official client's
 * internal ones ({@link BinaryString}, {@link Decimal}, {@link TimestampNtz}, {@link GenericArray},
 * ...), guided by the official client's type of the value.
 *
 * <p>Values read from the official client are converted at once, so nothing refers to the memory of
 * the record batch they came from once it is released.
 */
public final class OfficialValues {

    private OfficialValues() {
    }

    /** Our row as an official row of this type. */
    public static GenericRow toOfficialRow(Row row, RowType type) {
        if (row.fieldCount() != type.getFieldCount()) {
            throw new IllegalArgumentException("A row of " + row.fieldCount() + " values for " + type);
        }
        GenericRow official = new GenericRow(type.getFieldCount());
        for (int i = 0; i < type.getFieldCount(); i++) {
            official.setField(i, toOfficial(row.get(i), type.getTypeAt(i)));
        }
        return official;
    }

    /** An official row of this type as our row (a {@link io.flussreactive.row.GenericRow}). */
    public static io.flussreactive.row.GenericRow fromOfficialRow(InternalRow row, RowType type) {
        io.flussreactive.row.GenericRow ours = io.flussreactive.row.GenericRow.ofSize(type.getFieldCount());
        for (int i = 0; i < type.getFieldCount(); i++) {
            Object internal = InternalRow.createFieldGetter(type.getTypeAt(i), i).getFieldOrNull(row);
            ours.set(i, fromOfficial(internal, type.getTypeAt(i)));
        }
        return ours;
    }

    /** One of our values as the official client's internal value of {@code type}; null stays null. */
    public static Object toOfficial(Object value, DataType type) {
        if (value == null) {
            return null;
        }
        return switch (type.getTypeRoot()) {
            case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE, BINARY, BYTES -> value;
            case CHAR, STRING -> BinaryString.fromString((String) value);
            case DECIMAL -> {
                DecimalType decimal = (DecimalType) type;
                yield Decimal.fromBigDecimal((BigDecimal) value, decimal.getPrecision(), decimal.getScale());
            }
            case DATE -> (int) ((LocalDate) value).toEpochDay();
            case TIME_WITHOUT_TIME_ZONE -> (int) (((LocalTime) value).toNanoOfDay() / 1_000_000);
            case TIMESTAMP_WITHOUT_TIME_ZONE -> TimestampNtz.fromLocalDateTime((LocalDateTime) value);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> TimestampLtz.fromInstant((Instant) value);
            case ARRAY -> {
                DataType elementType = ((ArrayType) type).getElementType();
                List<?> list = (List<?>) value;
                Object[] elements = new Object[list.size()];
                for (int i = 0; i < elements.length; i++) {
                    elements[i] = toOfficial(list.get(i), elementType);
                }
                yield new GenericArray(elements);
            }
            case MAP -> {
                MapType map = (MapType) type;
                Map<Object, Object> entries = new LinkedHashMap<>();
                ((Map<?, ?>) value).forEach((k, v) ->
                        entries.put(toOfficial(k, map.getKeyType()), toOfficial(v, map.getValueType())));
                yield new GenericMap(entries);
            }
            case ROW -> toOfficialRow((Row) value, (RowType) type);
            default -> throw new IllegalArgumentException("No conversion for " + type);
        };
    }

    /** An official internal value of {@code type} as our Java value; null stays null. */
    public static Object fromOfficial(Object internal, DataType type) {
        if (internal == null) {
            return null;
        }
        return switch (type.getTypeRoot()) {
            case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE -> internal;
            case BINARY, BYTES -> ((byte[]) internal).clone();
            case CHAR, STRING -> internal.toString();
            case DECIMAL -> ((Decimal) internal).toBigDecimal();
            case DATE -> LocalDate.ofEpochDay((Integer) internal);
            case TIME_WITHOUT_TIME_ZONE -> LocalTime.ofNanoOfDay((Integer) internal * 1_000_000L);
            case TIMESTAMP_WITHOUT_TIME_ZONE -> ((TimestampNtz) internal).toLocalDateTime();
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> ((TimestampLtz) internal).toInstant();
            case ARRAY -> fromOfficialArray((InternalArray) internal, ((ArrayType) type).getElementType());
            case MAP -> {
                MapType mapType = (MapType) type;
                InternalMap map = (InternalMap) internal;
                List<Object> keys = fromOfficialArray(map.keyArray(), mapType.getKeyType());
                List<Object> values = fromOfficialArray(map.valueArray(), mapType.getValueType());
                Map<Object, Object> entries = new LinkedHashMap<>();
                for (int i = 0; i < keys.size(); i++) {
                    entries.put(keys.get(i), values.get(i));
                }
                yield entries;
            }
            case ROW -> fromOfficialRow((InternalRow) internal, (RowType) type);
            default -> throw new IllegalArgumentException("No conversion for " + type);
        };
    }

    private static List<Object> fromOfficialArray(InternalArray array, DataType elementType) {
        InternalArray.ElementGetter getter = InternalArray.createElementGetter(elementType);
        List<Object> elements = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            elements.add(fromOfficial(getter.getElementOrNull(array, i), elementType));
        }
        return Collections.unmodifiableList(elements);
    }
}
