package io.flussreactive.type;

/**
 * The {@code DATE} type: a day without time zone, stored as days since 1970-01-01.
 *
 * @param nullable whether null values are allowed
 */
public record DateType(boolean nullable) implements DataType {

    /** Creates the nullable form of this type. */
    public DateType() {
        this(true);
    }

    @Override
    public DateType copy(boolean nullable) {
        return new DateType(nullable);
    }

    @Override
    public DataTypeRoot root() {
        return DataTypeRoot.DATE;
    }

    @Override
    public String summary() {
        return TypeText.withNullability("DATE", nullable);
    }

    @Override
    public String toString() {
        return summary();
    }
}
