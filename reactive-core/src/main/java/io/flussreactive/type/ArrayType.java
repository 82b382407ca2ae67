package io.flussreactive.type;

import java.util.Objects;

/**
 * The {@code ARRAY<T>} type: a list of elements of one type.
 *
 * @param nullable whether null values are allowed
 * @param elementType the type of the elements
 */
public record ArrayType(boolean nullable, DataType elementType) implements DataType {

    /** Checks that the element type is given. */
    public ArrayType {
        Objects.requireNonNull(elementType, "elementType");
    }

    /**
     * Creates a nullable array type.
     *
     * @param elementType the type of the elements
     */
    public ArrayType(DataType elementType) {
        this(true, elementType);
    }

    @Override
    public ArrayType copy(boolean nullable) {
        return new ArrayType(nullable, elementType);
    }

    @Override
    public DataTypeRoot root() {
        return DataTypeRoot.ARRAY;
    }

    @Override
    public String summary() {
        return TypeText.withNullability("ARRAY<" + elementType.summary() + ">", nullable);
    }

    @Override
    public String toString() {
        return summary();
    }
}
