package io.flussreactive.type;

/**
 * A Fluss column type. Every type is an immutable record that carries its own nullability.
 *
 * <p>{@code toString()} of every type returns {@link #summary()}, the same text the official Fluss
 * client prints for the type (for example {@code INT NOT NULL}, {@code DECIMAL(10, 2)} or {@code
 * MAP<STRING NOT NULL, INT>}), so that descriptions from both clients can be compared.
 */
public sealed interface DataType
        permits BooleanType,
                TinyIntType,
                SmallIntType,
                IntType,
                BigIntType,
                FloatType,
                DoubleType,
                CharType,
                StringType,
                BinaryType,
                BytesType,
                DecimalType,
                DateType,
                TimeType,
                TimestampType,
                LocalZonedTimestampType,
                ArrayType,
                MapType,
                RowType {

    /**
     * Tells whether values of this type may be null.
     *
     * @return {@code true} if null values are allowed
     */
    boolean nullable();

    /**
     * Returns this type with the given nullability and every other parameter unchanged.
     *
     * @param nullable whether the returned type allows null values
     * @return the same type with the given nullability
     */
    DataType copy(boolean nullable);

    /**
     * Returns this type marked NOT NULL.
     *
     * @return the same type, not nullable
     */
    default DataType notNull() {
        return copy(false);
    }

    /**
     * Returns the kind of this type.
     *
     * @return the type root
     */
    DataTypeRoot root();

    /**
     * Returns the human-readable form of this type, as the official client prints it.
     *
     * @return the summary text, for example {@code TIMESTAMP_LTZ(3) NOT NULL}
     */
    String summary();
}
