package io.flussreactive.internal.record;

/** Appends one non-null value of one type to a {@link BinaryOutput}. */
@FunctionalInterface
interface BinaryValueWriter {

    /**
     * Appends the value.
     *
     * @throws ClassCastException if the value is not the Java class of the type
     * @throws IllegalArgumentException if the value does not fit the type
     */
    void write(BinaryOutput out, Object value);
}
