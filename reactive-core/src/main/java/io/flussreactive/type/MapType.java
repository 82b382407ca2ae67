package io.flussreactive.type;

import java.util.Objects;

/**
 * The {@code MAP<K, V>} type: a map from keys of one type to values of another.
 *
 * <p>Map keys can never be null, so a nullable key type is turned into its NOT NULL form here,
 * as the Fluss server does. {@code MAP(STRING(), INT())} therefore equals {@code
 * MAP(STRING().notNull(), INT())}.
 *
 * @param nullable whether null values are allowed
 * @param keyType the type of the keys, always NOT NULL
 * @param valueType the type of the values
 */
public record MapType(boolean nullable, DataType keyType, DataType valueType) implements DataType {

    /** Checks the component types and makes the key type NOT NULL. */
    public MapType {
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        keyType = keyType.nullable() ? keyType.notNull() : keyType;
    }

    /**
     * Creates a nullable map type.
     *
     * @param keyType the type of the keys; made NOT NULL if it is nullable
     * @param valueType the type of the values
     */
    public MapType(DataType keyType, DataType valueType) {
        this(true, keyType, valueType);
    }

    @Override
    public MapType copy(boolean nullable) {
        return new MapType(nullable, keyType, valueType);
    }

    @Override
    public DataTypeRoot root() {
        return DataTypeRoot.MAP;
    }

    @Override
    public String summary() {
        return TypeText.withNullability(
                "MAP<" + keyType.summary() + ", " + valueType.summary() + ">", nullable);
    }

    @Override
    public String toString() {
        return summary();
    }
}
