package io.flussreactive.type;

/**
 * The {@code TIMESTAMP(p)} type: a date and time without time zone.
 *
 * @param nullable whether null values are allowed
 * @param precision the number of fractional-second digits, 0 to 9
 */
public record TimestampType(boolean nullable, int precision) implements DataType {

    /** The smallest allowed precision. */
    public static final int MIN_PRECISION = 0;

    /** The largest allowed precision. */
    public static final int MAX_PRECISION = 9;

    /** The precision used when none is given. */
    public static final int DEFAULT_PRECISION = 6;

    /** Validates the precision. */
    public TimestampType {
        TypeText.checkRange("TIMESTAMP precision", precision, MIN_PRECISION, MAX_PRECISION);
    }

    /**
     * Creates the nullable form of this type with the given precision.
     *
     * @param precision the number of fractional-second digits, 0 to 9
     */
    public TimestampType(int precision) {
        this(true, precision);
    }

    @Override
    public TimestampType copy(boolean nullable) {
        return new TimestampType(nullable, precision);
    }

    @Override
    public DataTypeRoot root() {
        return DataTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE;
    }

    @Override
    public String summary() {
        return TypeText.withNullability("TIMESTAMP(" + precision + ")", nullable);
    }

    @Override
    public String toString() {
        return summary();
    }
}
