package io.flussreactive.type;

/**
 * The {@code TIME(p)} type: a time of day without time zone. Fluss keeps values to the millisecond whatever the precision.
 *
 * @param nullable whether null values are allowed
 * @param precision the number of fractional-second digits, 0 to 9
 */
public record TimeType(boolean nullable, int precision) implements DataType {

    /** The smallest allowed precision. */
    public static final int MIN_PRECISION = 0;

    /** The largest allowed precision. */
    public static final int MAX_PRECISION = 9;

    /** The precision used when none is given. */
    public static final int DEFAULT_PRECISION = 0;

    /** Validates the precision. */
    public TimeType {
        TypeText.checkRange("TIME precision", precision, MIN_PRECISION, MAX_PRECISION);
    }

    /**
     * Creates the nullable form of this type with the given precision.
     *
     * @param precision the number of fractional-second digits, 0 to 9
     */
    public TimeType(int precision) {
        this(true, precision);
    }

    @Override
    public TimeType copy(boolean nullable) {
        return new TimeType(nullable, precision);
    }

    @Override
    public DataTypeRoot root() {
        return DataTypeRoot.TIME_WITHOUT_TIME_ZONE;
    }

    @Override
    public String summary() {
        return TypeText.withNullability("TIME(" + precision + ")", nullable);
    }

    @Override
    public String toString() {
        return summary();
    }
}
