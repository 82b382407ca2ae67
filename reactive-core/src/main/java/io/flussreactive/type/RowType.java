package io.flussreactive.type;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code ROW<...>} type: a structure of named fields.
 *
 * @param nullable whether null values are allowed
 * @param fields the fields in order; names must be unique
 */
public record RowType(boolean nullable, List<DataField> fields) implements DataType {

    /** Copies the fields and checks that their names are unique. */
    public RowType {
        Objects.requireNonNull(fields, "fields");
        fields = List.copyOf(fields);
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (DataField field : fields) {
            if (!seen.add(field.name())) {
                duplicates.add(field.name());
            }
        }
        if (!duplicates.isEmpty()) {
            throw new IllegalArgumentException("Row field names must be unique, duplicates: " + duplicates);
        }
    }

    /**
     * Creates a nullable row type.
     *
     * @param fields the fields in order; names must be unique
     */
    public RowType(List<DataField> fields) {
        this(true, fields);
    }

    /**
     * Returns the number of fields.
     *
     * @return the field count
     */
    public int fieldCount() {
        return fields.size();
    }

    /**
     * Returns the field names in order.
     *
     * @return the names
     */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>(fields.size());
        fields.forEach(field -> names.add(field.name()));
        return List.copyOf(names);
    }

    /**
     * Returns the field types in order.
     *
     * @return the types
     */
    public List<DataType> fieldTypes() {
        List<DataType> types = new ArrayList<>(fields.size());
        fields.forEach(field -> types.add(field.type()));
        return List.copyOf(types);
    }

    /**
     * Returns the position of the named field.
     *
     * @param name a field name
     * @return its index, or -1 if there is no such field
     */
    public int fieldIndex(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public RowType copy(boolean nullable) {
        return new RowType(nullable, fields);
    }

    @Override
    public DataTypeRoot root() {
        return DataTypeRoot.ROW;
    }

    @Override
    public String summary() {
        String body = fields.stream().map(DataField::summary).collect(Collectors.joining(", "));
        return TypeText.withNullability("ROW<" + body + ">", nullable);
    }

    @Override
    public String toString() {
        return summary();
    }
}
