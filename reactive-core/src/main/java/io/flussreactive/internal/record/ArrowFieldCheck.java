package io.flussreactive.internal.record;

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
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.TimeUnit;

/**
 * Checks the Java values of one field (a column, or a part of a nested column) before they are
 * written to Arrow, and measures what they add to the Arrow buffers.
 *
 * <p>Checking everything before writing anything is what lets a writer reject a bad row whole:
 * the {@link ArrowFieldWriter}s that follow trust the values and never fail half-way.
 *
 * <p>Sizes are counted in bits, so that one validity bit per value is counted exactly: fixed-width
 * data, validity, 32-bit offsets of variable-width and nested values, and the variable bytes.
 */
abstract class ArrowFieldCheck {

    private static final int VALIDITY_BITS = 1;
    private static final int OFFSET_BITS = 32;

    /** The column name, with the path into nested values, for messages. */
    final String path;

    /** The Fluss type of the values. */
    final DataType type;

    private ArrowFieldCheck(String path, DataType type) {
        this.path = path;
        this.type = type;
    }

    /**
     * The check of the values of a type.
     *
     * @param path the column name (and path into nested values) to name in messages
     * @param type the Fluss type
     * @param strictLengths whether a CHAR(n) value must take at most n UTF-8 bytes and a BINARY(n) value
     *     exactly n bytes; otherwise a CHAR value may be longer and a BINARY value shorter (it is padded)
     * @return the check
     */
    static ArrowFieldCheck of(String path, DataType type, boolean strictLengths) {
        return switch (type.root()) {
            case BOOLEAN -> new FixedWidth(path, type, Boolean.class, 1);
            case TINYINT -> new FixedWidth(path, type, Byte.class, 8);
            case SMALLINT -> new FixedWidth(path, type, Short.class, 16);
            case INTEGER -> new FixedWidth(path, type, Integer.class, 32);
            case BIGINT -> new FixedWidth(path, type, Long.class, 64);
            case FLOAT -> new FixedWidth(path, type, Float.class, 32);
            case DOUBLE -> new FixedWidth(path, type, Double.class, 64);
            case CHAR -> strictLengths ? new Char(path, (CharType) type) : new Utf8(path, type);
            case STRING -> new Utf8(path, type);
            case BINARY -> new FixedBinary(path, (BinaryType) type, strictLengths);
            case BYTES -> new VarBinary(path, type);
            case DECIMAL -> new Decimal(path, (DecimalType) type);
            case DATE -> new Date(path, type);
            case TIME_WITHOUT_TIME_ZONE -> new Time(path, (TimeType) type);
            case TIMESTAMP_WITHOUT_TIME_ZONE ->
                    new Timestamp(path, type, ArrowSchemas.timeUnit(((TimestampType) type).precision()));
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
                    new Timestamp(path, type, ArrowSchemas.timeUnit(((LocalZonedTimestampType) type).precision()));
            case ARRAY -> new Array(path, (ArrayType) type, strictLengths);
            case MAP -> new MapCheck(path, (MapType) type, strictLengths);
            case ROW -> new Struct(path, (RowType) type, strictLengths);
        };
    }

    /**
     * Checks a value and, when asked, measures it.
     *
     * @param value the Java value, or null
     * @param measure whether to compute the size (skipped when only checking)
     * @return the bits the value adds to the Arrow buffers, or 0 when not measuring
     * @throws IllegalArgumentException naming the column when the value cannot be written
     */
    final long check(Object value, boolean measure) {
        if (value == null) {
            if (!type.nullable()) {
                throw problem("null is not allowed");
            }
            return measure ? nullBits() : 0;
        }
        return checkValue(value, measure);
    }

    /** Checks a value that is not null; returns its size in bits when measuring. */
    abstract long checkValue(Object value, boolean measure);

    /** The bits a null value takes. */
    abstract long nullBits();

    final IllegalArgumentException problem(String what) {
        return new IllegalArgumentException("Column '" + path + "' (" + type + "): " + what);
    }

    final IllegalArgumentException wrongClass(Object value, Class<?> expected) {
        return problem("expected a " + expected.getName() + " but got a " + value.getClass().getName());
    }

    private static String child(String parent, String name) {
        return parent + "." + name;
    }

    /** BOOLEAN and the numbers: one boxed class, a fixed width. */
    private static final class FixedWidth extends ArrowFieldCheck {
        private final Class<?> javaClass;
        private final long bits;

        FixedWidth(String path, DataType type, Class<?> javaClass, int dataBits) {
            super(path, type);
            this.javaClass = javaClass;
            this.bits = dataBits + VALIDITY_BITS;
        }

        @Override
        long checkValue(Object value, boolean measure) {
            if (value.getClass() != javaClass) {
                throw wrongClass(value, javaClass);
            }
            return bits;
        }

        @Override
        long nullBits() {
            return bits;
        }
    }

    /** STRING (and CHAR, when lengths are not enforced): a String, stored as UTF-8. */
    private static final class Utf8 extends ArrowFieldCheck {
        Utf8(String path, DataType type) {
            super(path, type);
        }

        @Override
        long checkValue(Object value, boolean measure) {
            if (!(value instanceof String text)) {
                throw wrongClass(value, String.class);
            }
            return measure ? OFFSET_BITS + VALIDITY_BITS + 8L * ArrowUtf8.encodedLength(text) : 0;
        }

        @Override
        long nullBits() {
            return OFFSET_BITS + VALIDITY_BITS;
        }
    }

    /** CHAR(n): a String of at most n bytes in UTF-8, stored as UTF-8 without padding. */
    private static final class Char extends ArrowFieldCheck {
        private final int length;

        Char(String path, CharType type) {
            super(path, type);
            this.length = type.length();
        }

        @Override
        long checkValue(Object value, boolean measure) {
            if (!(value instanceof String text)) {
                throw wrongClass(value, String.class);
            }
            int bytes = ArrowUtf8.encodedLength(text);
            if (bytes > length) {
                throw problem(BinaryValues.charTooLong(bytes, length));
            }
            return OFFSET_BITS + VALIDITY_BITS + 8L * bytes;
        }

        @Override
        long nullBits() {
            return OFFSET_BITS + VALIDITY_BITS;
        }
    }

    /** BYTES: a byte array of any length. */
    private static final class VarBinary extends ArrowFieldCheck {
        VarBinary(String path, DataType type) {
            super(path, type);
        }

        @Override
        long checkValue(Object value, boolean measure) {
            if (!(value instanceof byte[] bytes)) {
                throw wrongClass(value, byte[].class);
            }
            return OFFSET_BITS + VALIDITY_BITS + 8L * bytes.length;
        }

        @Override
        long nullBits() {
            return OFFSET_BITS + VALIDITY_BITS;
        }
    }

    /**
     * BINARY(n): a byte array of exactly n bytes; or, when lengths are not enforced, of at most n bytes,
     * padded with zero bytes by the writer.
     */
    private static final class FixedBinary extends ArrowFieldCheck {
        private final int length;
        private final boolean exact;

        FixedBinary(String path, BinaryType type, boolean exact) {
            super(path, type);
            this.length = type.length();
            this.exact = exact;
        }

        @Override
        long checkValue(Object value, boolean measure) {
            if (!(value instanceof byte[] bytes)) {
                throw wrongClass(value, byte[].class);
            }
            if (exact && bytes.length != length) {
                throw problem(BinaryValues.binaryWrongLength(bytes.length, length));
            }
            if (bytes.length > length) {
                throw problem("the value has " + bytes.length + " bytes, more than the " + length + " the type holds");
            }
            return nullBits();
        }

        @Override
        long nullBits() {
            return 8L * length + VALIDITY_BITS;
        }
    }

    /** DECIMAL(p, s): a BigDecimal that still fits p digits once rounded to scale s. */
    private static final class Decimal extends ArrowFieldCheck {
        private final int precision;
        private final int scale;

        Decimal(String path, DecimalType type) {
            super(path, type);
            this.precision = type.precision();
            this.scale = type.scale();
        }

        @Override
        long checkValue(Object value, boolean measure) {
            if (!(value instanceof BigDecimal decimal)) {
                throw wrongClass(value, BigDecimal.class);
            }
            BigDecimal rescaled = rescale(decimal, scale);
            if (rescaled.precision() > precision) {
                throw problem(decimal.toPlainString() + " needs " + rescaled.precision() + " digits at scale " + scale
                        + ", more than the precision " + precision);
            }
            return nullBits();
        }

        @Override
        long nullBits() {
            return 128 + VALIDITY_BITS;
        }
    }

    /**
     * A decimal at the column's scale, rounded half up as the official client does.
     *
     * @param value the value
     * @param scale the column's scale
     * @return the value with exactly that scale
     */
    static BigDecimal rescale(BigDecimal value, int scale) {
        return value.scale() == scale ? value : value.setScale(scale, RoundingMode.HALF_UP);
    }

    /** DATE: a LocalDate whose epoch day fits 32 bits. */
    private static final class Date extends ArrowFieldCheck {
        Date(String path, DataType type) {
            super(path, type);
        }

        @Override
        long checkValue(Object value, boolean measure) {
            if (!(value instanceof LocalDate date)) {
                throw wrongClass(value, LocalDate.class);
            }
            long epochDay = date.toEpochDay();
            if (epochDay != (int) epochDay) {
                throw problem(date + " is out of the range of a DATE");
            }
            return nullBits();
        }

        @Override
        long nullBits() {
            return 32 + VALIDITY_BITS;
        }
    }

    /** TIME(p): a LocalTime; 32 bits for seconds and milliseconds, 64 for finer units. */
    private static final class Time extends ArrowFieldCheck {
        private final long bits;

        Time(String path, TimeType type) {
            super(path, type);
            TimeUnit unit = ArrowSchemas.timeUnit(type.precision());
            this.bits = (unit == TimeUnit.SECOND || unit == TimeUnit.MILLISECOND ? 32 : 64) + VALIDITY_BITS;
        }

        @Override
        long checkValue(Object value, boolean measure) {
            if (!(value instanceof LocalTime)) {
                throw wrongClass(value, LocalTime.class);
            }
            return bits;
        }

        @Override
        long nullBits() {
            return bits;
        }
    }

    /** TIMESTAMP(p) (a LocalDateTime) and TIMESTAMP_LTZ(p) (an Instant) that fit 64 bits in the unit. */
    private static final class Timestamp extends ArrowFieldCheck {
        private final TimeUnit unit;
        private final boolean instant;

        Timestamp(String path, DataType type, TimeUnit unit) {
            super(path, type);
            this.unit = unit;
            this.instant = type instanceof LocalZonedTimestampType;
        }

        @Override
        long checkValue(Object value, boolean measure) {
            try {
                if (instant) {
                    if (!(value instanceof Instant at)) {
                        throw wrongClass(value, Instant.class);
                    }
                    ArrowTimeValues.toArrow(at, unit);
                } else {
                    if (!(value instanceof LocalDateTime at)) {
                        throw wrongClass(value, LocalDateTime.class);
                    }
                    ArrowTimeValues.toArrow(at, unit);
                }
            } catch (ArithmeticException e) {
                throw problem(value + " is out of the range a " + type + " can store");
            }
            return nullBits();
        }

        @Override
        long nullBits() {
            return 64 + VALIDITY_BITS;
        }
    }

    /** ARRAY&lt;T&gt;: a List whose elements pass T's check. */
    private static final class Array extends ArrowFieldCheck {
        private final ArrowFieldCheck element;

        Array(String path, ArrayType type, boolean strictLengths) {
            super(path, type);
            this.element = of(child(path, ArrowSchemas.ARRAY_ELEMENT), type.elementType(), strictLengths);
        }

        @Override
        long checkValue(Object value, boolean measure) {
            if (!(value instanceof List<?> list)) {
                throw wrongClass(value, List.class);
            }
            long bits = nullBits();
            for (Object item : list) {
                bits += element.check(item, measure);
            }
            return bits;
        }

        @Override
        long nullBits() {
            return OFFSET_BITS + VALIDITY_BITS;
        }
    }

    /** MAP&lt;K, V&gt;: a Map whose keys (never null) and values pass their checks. */
    private static final class MapCheck extends ArrowFieldCheck {
        private final ArrowFieldCheck key;
        private final ArrowFieldCheck value;

        MapCheck(String path, MapType type, boolean strictLengths) {
            super(path, type);
            this.key = of(child(path, ArrowSchemas.MAP_KEY), type.keyType(), strictLengths);
            this.value = of(child(path, ArrowSchemas.MAP_VALUE), type.valueType(), strictLengths);
        }

        @Override
        long checkValue(Object map, boolean measure) {
            if (!(map instanceof Map<?, ?> entries)) {
                throw wrongClass(map, Map.class);
            }
            long bits = nullBits();
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                // Each entry is one row of the entries struct, which has its own validity bit.
                bits += VALIDITY_BITS + key.check(entry.getKey(), measure) + value.check(entry.getValue(), measure);
            }
            return bits;
        }

        @Override
        long nullBits() {
            return OFFSET_BITS + VALIDITY_BITS;
        }
    }

    /** ROW&lt;...&gt;: a Row with one value per field, each passing its field's check. */
    private static final class Struct extends ArrowFieldCheck {
        private final ArrowFieldCheck[] fields;
        private final long nullBits;

        Struct(String path, RowType type, boolean strictLengths) {
            super(path, type);
            List<DataField> rowFields = type.fields();
            this.fields = new ArrowFieldCheck[rowFields.size()];
            // A null struct still takes a (null) slot in every child.
            long bits = VALIDITY_BITS;
            for (int i = 0; i < fields.length; i++) {
                fields[i] = of(child(path, rowFields.get(i).name()), rowFields.get(i).type(), strictLengths);
                bits += fields[i].nullBits();
            }
            this.nullBits = bits;
        }

        @Override
        long checkValue(Object value, boolean measure) {
            if (!(value instanceof Row row)) {
                throw wrongClass(value, Row.class);
            }
            if (row.fieldCount() != fields.length) {
                throw problem("expected a row of " + fields.length + " fields but got " + row.fieldCount());
            }
            long bits = VALIDITY_BITS;
            for (int i = 0; i < fields.length; i++) {
                bits += fields[i].check(row.get(i), measure);
            }
            return bits;
        }

        @Override
        long nullBits() {
            return nullBits;
        }
    }
}
