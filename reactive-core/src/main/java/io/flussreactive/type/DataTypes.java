package io.flussreactive.type;

import java.util.Arrays;
import java.util.Objects;

/**
 * Factories for every {@link DataType}, named as in the official Fluss client so that schemas read
 * the same in both. Every factory returns the nullable form; call {@link DataType#notNull()} for
 * NOT NULL.
 *
 * <pre>{@code
 * RowType address = DataTypes.ROW(
 *         DataTypes.FIELD("street", DataTypes.STRING()),
 *         DataTypes.FIELD("zip", DataTypes.CHAR(5)));
 * }</pre>
 */
public final class DataTypes {

    private DataTypes() {}

    /**
     * Returns {@code BOOLEAN}.
     *
     * @return the type
     */
    public static BooleanType BOOLEAN() {
        return new BooleanType();
    }

    /**
     * Returns {@code TINYINT}, a signed 8-bit integer.
     *
     * @return the type
     */
    public static TinyIntType TINYINT() {
        return new TinyIntType();
    }

    /**
     * Returns {@code SMALLINT}, a signed 16-bit integer.
     *
     * @return the type
     */
    public static SmallIntType SMALLINT() {
        return new SmallIntType();
    }

    /**
     * Returns {@code INT}, a signed 32-bit integer.
     *
     * @return the type
     */
    public static IntType INT() {
        return new IntType();
    }

    /**
     * Returns {@code BIGINT}, a signed 64-bit integer.
     *
     * @return the type
     */
    public static BigIntType BIGINT() {
        return new BigIntType();
    }

    /**
     * Returns {@code FLOAT}, a 32-bit floating-point number.
     *
     * @return the type
     */
    public static FloatType FLOAT() {
        return new FloatType();
    }

    /**
     * Returns {@code DOUBLE}, a 64-bit floating-point number.
     *
     * @return the type
     */
    public static DoubleType DOUBLE() {
        return new DoubleType();
    }

    /**
     * Returns {@code CHAR(length)}, a character string of at most {@code length} bytes in UTF-8.
     *
     * <p>As in Fluss, a value is stored as it is given, without padding, and read back so: a shorter
     * value stays shorter (it is not padded with spaces). The limit counts UTF-8 bytes, not characters,
     * because the fixed-width INDEXED format stores exactly {@code length} bytes; for ASCII text the two
     * are the same. Writers reject a longer value: its write fails alone with an
     * {@link IllegalArgumentException} naming the column, the limit and the value's length. For text
     * without a limit, use {@link #STRING()}.
     *
     * @param length the most UTF-8 bytes a value takes, at least 1
     * @return the type
     */
    public static CharType CHAR(int length) {
        return new CharType(length);
    }

    /**
     * Returns {@code STRING}, a character string of any length.
     *
     * @return the type
     */
    public static StringType STRING() {
        return new StringType();
    }

    /**
     * Returns {@code BINARY(length)}, a byte string of exactly {@code length} bytes.
     *
     * <p>Writers reject a value of any other length, shorter ones too, rather than pad or cut it: its
     * write fails alone with an {@link IllegalArgumentException} naming the column, the length and the
     * value's length. Values read from a table in the INDEXED format lose their trailing zero bytes, as
     * with the official client, so such a value must be padded again before it is written. For byte
     * strings of any length, use {@link #BYTES()}.
     *
     * @param length the number of bytes of every value, at least 1
     * @return the type
     */
    public static BinaryType BINARY(int length) {
        return new BinaryType(length);
    }

    /**
     * Returns {@code BYTES}, a byte string of any length.
     *
     * @return the type
     */
    public static BytesType BYTES() {
        return new BytesType();
    }

    /**
     * Returns {@code DECIMAL(precision, scale)}.
     *
     * @param precision the total number of digits, 1 to 38
     * @param scale the number of digits after the point, 0 to {@code precision}
     * @return the type
     */
    public static DecimalType DECIMAL(int precision, int scale) {
        return new DecimalType(precision, scale);
    }

    /**
     * Returns {@code DATE}.
     *
     * @return the type
     */
    public static DateType DATE() {
        return new DateType();
    }

    /**
     * Returns {@code TIME(0)}, a time of day to the second.
     *
     * @return the type
     */
    public static TimeType TIME() {
        return new TimeType(TimeType.DEFAULT_PRECISION);
    }

    /**
     * Returns {@code TIME(precision)}.
     *
     * @param precision the number of fractional-second digits, 0 to 9
     * @return the type
     */
    public static TimeType TIME(int precision) {
        return new TimeType(precision);
    }

    /**
     * Returns {@code TIMESTAMP(6)}, a date and time without time zone, to the microsecond.
     *
     * @return the type
     */
    public static TimestampType TIMESTAMP() {
        return new TimestampType(TimestampType.DEFAULT_PRECISION);
    }

    /**
     * Returns {@code TIMESTAMP(precision)}.
     *
     * @param precision the number of fractional-second digits, 0 to 9
     * @return the type
     */
    public static TimestampType TIMESTAMP(int precision) {
        return new TimestampType(precision);
    }

    /**
     * Returns {@code TIMESTAMP_LTZ(6)}, an instant, to the microsecond.
     *
     * @return the type
     */
    public static LocalZonedTimestampType TIMESTAMP_LTZ() {
        return new LocalZonedTimestampType(LocalZonedTimestampType.DEFAULT_PRECISION);
    }

    /**
     * Returns {@code TIMESTAMP_LTZ(precision)}.
     *
     * @param precision the number of fractional-second digits, 0 to 9
     * @return the type
     */
    public static LocalZonedTimestampType TIMESTAMP_LTZ(int precision) {
        return new LocalZonedTimestampType(precision);
    }

    /**
     * Returns {@code ARRAY<elementType>}.
     *
     * @param elementType the type of the elements
     * @return the type
     */
    public static ArrayType ARRAY(DataType elementType) {
        return new ArrayType(elementType);
    }

    /**
     * Returns {@code MAP<keyType, valueType>}. The key type is made NOT NULL.
     *
     * @param keyType the type of the keys
     * @param valueType the type of the values
     * @return the type
     */
    public static MapType MAP(DataType keyType, DataType valueType) {
        return new MapType(keyType, valueType);
    }

    /**
     * Returns {@code ROW<fields>}.
     *
     * @param fields the fields in order; names must be unique
     * @return the type
     */
    public static RowType ROW(DataField... fields) {
        return new RowType(Arrays.asList(fields));
    }

    /**
     * Reads a type from its text, the inverse of {@link DataType#toString()}: {@code
     * parse(type.toString())} equals {@code type} for every type whose row fields have no
     * description.
     *
     * <p>Accepted, with keywords in any case and any whitespace between the parts:
     *
     * <ul>
     *   <li>{@code BOOLEAN}, {@code TINYINT}, {@code SMALLINT}, {@code INT} (or {@code INTEGER}),
     *       {@code BIGINT}, {@code FLOAT}, {@code DOUBLE}, {@code STRING}, {@code BYTES}, {@code DATE};
     *   <li>{@code CHAR(n)}, {@code BINARY(n)}, {@code DECIMAL(p, s)} and {@code DECIMAL(p)} (scale 0);
     *   <li>{@code TIME(p)}, {@code TIMESTAMP(p)}, {@code TIMESTAMP_LTZ(p)} and its SQL form {@code
     *       TIMESTAMP(p) WITH LOCAL TIME ZONE}; without {@code (p)} they take the precision of {@link
     *       #TIME()}, {@link #TIMESTAMP()} and {@link #TIMESTAMP_LTZ()};
     *   <li>{@code ARRAY<T>}, {@code MAP<K, V>} and {@code ROW<name T, ...>} (or {@code ROW<>}), where a
     *       field name is quoted with backticks as {@code toString()} writes it ({@code `a``b`} for
     *       {@code a`b}) or is a plain word of letters, digits and underscores, and may be followed by a
     *       description in single quotes ({@code ''} for {@code '});
     *   <li>{@code NOT NULL} after any of these, at any depth.
     * </ul>
     *
     * <p>{@code toString()} writes every field description as {@code '...'}, so a description comes
     * back as the text {@code ...}.
     *
     * <pre>{@code
     * DataTypes.parse("MAP<STRING NOT NULL, ARRAY<DECIMAL(10, 2)>>")
     *         .equals(DataTypes.MAP(DataTypes.STRING(), DataTypes.ARRAY(DataTypes.DECIMAL(10, 2))));
     * }</pre>
     *
     * @param text the type, for example {@code DECIMAL(10, 2) NOT NULL}
     * @return the type
     * @throws IllegalArgumentException if the text is not a type, naming the text, the position (from
     *     0) and what was expected there, for example {@code Cannot parse type 'DECIMAL(10,': expected
     *     a number (the scale) at position 11}; or if its parameters are out of range
     */
    public static DataType parse(String text) {
        return TypeParser.parse(Objects.requireNonNull(text, "text"));
    }

    /**
     * Returns a row field without description.
     *
     * @param name the field name
     * @param type the field type
     * @return the field
     */
    public static DataField FIELD(String name, DataType type) {
        return new DataField(name, type);
    }

    /**
     * Returns a row field with a description.
     *
     * @param name the field name
     * @param type the field type
     * @param description the description, or {@code null}
     * @return the field
     */
    public static DataField FIELD(String name, DataType type, String description) {
        return new DataField(name, type, description);
    }
}
