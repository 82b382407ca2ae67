package io.flussreactive.type;

import java.util.Objects;

/**
 * One named field of a {@link RowType}.
 *
 * @param name the field name, not blank
 * @param type the field type
 * @param description a free-text description, or {@code null}
 */
public record DataField(String name, DataType type, String description) {

    /** Checks name and type. */
    public DataField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("Field name must not be blank, but was '" + name + "'");
        }
    }

    /**
     * Creates a field without description.
     *
     * @param name the field name, not blank
     * @param type the field type
     */
    public DataField(String name, DataType type) {
        this(name, type, null);
    }

    /**
     * Returns the field as the official client prints it inside a row summary: the quoted name and
     * the type summary, with {@code '...'} standing in for a description.
     *
     * @return for example {@code `id` INT NOT NULL}
     */
    public String summary() {
        String text = TypeText.quoteName(name) + " " + type.summary();
        return description == null ? text : text + " '...'";
    }

    @Override
    public String toString() {
        return summary();
    }
}
