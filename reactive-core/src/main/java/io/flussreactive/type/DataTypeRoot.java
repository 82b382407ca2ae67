package io.flussreactive.type;

/**
 * The kind of a {@link DataType}, without its parameters or nullability.
 *
 * <p>The constant names are the ones the Fluss server uses for the {@code type} key of its JSON
 * descriptors, which is why {@code INT} appears as {@link #INTEGER} and the time types carry their
 * long SQL names.
 */
public enum DataTypeRoot {
    /** {@link BooleanType}. */
    BOOLEAN,
    /** {@link TinyIntType}. */
    TINYINT,
    /** {@link SmallIntType}. */
    SMALLINT,
    /** {@link IntType}. */
    INTEGER,
    /** {@link BigIntType}. */
    BIGINT,
    /** {@link FloatType}. */
    FLOAT,
    /** {@link DoubleType}. */
    DOUBLE,
    /** {@link CharType}. */
    CHAR,
    /** {@link StringType}. */
    STRING,
    /** {@link BinaryType}. */
    BINARY,
    /** {@link BytesType}. */
    BYTES,
    /** {@link DecimalType}. */
    DECIMAL,
    /** {@link DateType}. */
    DATE,
    /** {@link TimeType}. */
    TIME_WITHOUT_TIME_ZONE,
    /** {@link TimestampType}. */
    TIMESTAMP_WITHOUT_TIME_ZONE,
    /** {@link LocalZonedTimestampType}. */
    TIMESTAMP_WITH_LOCAL_TIME_ZONE,
    /** {@link ArrayType}. */
    ARRAY,
    /** {@link MapType}. */
    MAP,
    /** {@link RowType}. */
    ROW
}
