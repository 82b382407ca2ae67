package io.flussreactive.internal.record;

import io.flussreactive.error.CorruptRecordException;
import io.flussreactive.row.Row;
import io.flussreactive.type.DataField;
import io.flussreactive.type.DataType;
import io.flussreactive.type.RowType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * The failures of row encoding and decoding: values that a row type cannot hold, naming the field and
 * what was expected, and bytes that are not a valid row.
 */
final class BinaryFieldErrors {

    private BinaryFieldErrors() {
    }

    static void checkArity(Row row, RowType rowType) {
        if (row.fieldCount() != rowType.fieldCount()) {
            throw new IllegalArgumentException("The row has " + row.fieldCount() + " values but the row type has "
                    + rowType.fieldCount() + " fields: " + rowType.summary());
        }
    }

    static IllegalArgumentException nullInNotNullField(DataField field) {
        return new IllegalArgumentException(
                "Field '" + field.name() + "' is " + field.type().summary() + " but the value is null");
    }

    /** Wraps the failure to write {@code value} into {@code field}. */
    static IllegalArgumentException badValue(DataField field, Object value, RuntimeException cause) {
        Class<?> expected = javaClassOf(field.type());
        String problem = cause instanceof ClassCastException && !expected.isInstance(value)
                ? "expects a " + expected.getSimpleName() + ", not a " + value.getClass().getSimpleName()
                : cause.getMessage();
        return new IllegalArgumentException(
                "Field '" + field.name() + "' of type " + field.type().summary() + ": " + problem, cause);
    }

    /** The Java class of the values of a type, as documented on {@link Row}. */
    static Class<?> javaClassOf(DataType type) {
        return switch (type.root()) {
            case BOOLEAN -> Boolean.class;
            case TINYINT -> Byte.class;
            case SMALLINT -> Short.class;
            case INTEGER -> Integer.class;
            case BIGINT -> Long.class;
            case FLOAT -> Float.class;
            case DOUBLE -> Double.class;
            case CHAR, STRING -> String.class;
            case BINARY, BYTES -> byte[].class;
            case DECIMAL -> BigDecimal.class;
            case DATE -> LocalDate.class;
            case TIME_WITHOUT_TIME_ZONE -> LocalTime.class;
            case TIMESTAMP_WITHOUT_TIME_ZONE -> LocalDateTime.class;
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> Instant.class;
            case ARRAY -> List.class;
            case MAP -> Map.class;
            case ROW -> Row.class;
        };
    }

    /** Bytes that do not hold a valid value of the expected type. */
    static CorruptRecordException corrupt(String message) {
        return new CorruptRecordException(message);
    }

    /** Fails unless the piece {@code [offset, offset + length)} lies within {@code [start, end)}. */
    static void checkWithin(int offset, int length, int start, int end, String what) {
        if (length < 0 || offset < start || offset > end - length) {
            throw corrupt(what + " of " + length + " bytes at " + offset + " lies outside [" + start + ", " + end + ")");
        }
    }
}
