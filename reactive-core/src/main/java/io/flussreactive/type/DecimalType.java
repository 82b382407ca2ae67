package io.flussreactive.type;

/**
 * The {@code DECIMAL(p, s)} type: an exact decimal number with {@code p} digits, {@code s} of them
 * after the decimal point.
 *
 * @param nullable whether null values are allowed
 * @param precision the total number of digits, 1 to 38
 * @param scale the number of digits after the point, 0 to {@code precision}
 */
public record DecimalType(boolean nullable, int precision, int scale) implements DataType {

    /** The smallest allowed precision. */
    public static final int MIN_PRECISION = 1;

    /** The largest allowed precision. */
    public static final int MAX_PRECISION = 38;

    /** Validates precision and scale. */
    public DecimalType {
        TypeText.checkRange("DECIMAL precision", precision, MIN_PRECISION, MAX_PRECISION);
        TypeText.checkRange("DECIMAL scale", scale, 0, precision);
    }

    /**
     * Creates a nullable {@code DECIMAL(precision, scale)}.
     *
     * @param precision the total number of digits, 1 to 38
     * @param scale the number of digits after the point, 0 to {@code precision}
     */
    public DecimalType(int precision, int scale) {
        this(true, precision, scale);
    }

    @Override
    public DecimalType copy(boolean nullable) {
        return new DecimalType(nullable, precision, scale);
    }

    @Override
    public DataTypeRoot root() {
        return DataTypeRoot.DECIMAL;
    }

    @Override
    public String summary() {
        return TypeText.withNullability("DECIMAL(" + precision + ", " + scale + ")", nullable);
    }

    @Override
    public String toString() {
        return summary();
    }
}
