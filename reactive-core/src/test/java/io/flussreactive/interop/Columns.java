package io.flussreactive.interop;

import io.flussreactive.admin.Schema;
import io.flussreactive.interop.EveryType.TypePair;
import java.util.ArrayList;
import java.util.List;
import org.apache.fluss.types.DataField;
import org.apache.fluss.types.RowType;

/**
 * The columns of a test table, each with its type built with both libraries: gives our schema and
 * the official client's row type of the same table.
 */
public final class Columns {

    /**
     * One column.
     *
     * @param name its name
     * @param type its type in both libraries
     */
    public record Column(String name, TypePair type) {}

    private final List<Column> columns = new ArrayList<>();

    private Columns() {
    }

    /** No columns yet. */
    public static Columns builder() {
        return new Columns();
    }

    /** Adds a column. */
    public Columns add(String name, TypePair type) {
        columns.add(new Column(name, type));
        return this;
    }

    /** Adds a column. */
    public Columns add(String name, io.flussreactive.type.DataType ours, org.apache.fluss.types.DataType official) {
        return add(name, new TypePair(ours, official));
    }

    /** The columns, in order. */
    public List<Column> columns() {
        return List.copyOf(columns);
    }

    /** The column names, in order. */
    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    /** The official types of the columns, in order. */
    public List<org.apache.fluss.types.DataType> officialTypes() {
        return columns.stream().map(c -> c.type().upstream()).toList();
    }

    /** Our schema of these columns. */
    public Schema schema() {
        Schema.Builder schema = Schema.newBuilder();
        columns.forEach(c -> schema.column(c.name(), c.type().ours()));
        return schema.build();
    }

    /** Our schema of these columns with this primary key. */
    public Schema schema(List<String> primaryKey) {
        Schema.Builder schema = Schema.newBuilder();
        columns.forEach(c -> schema.column(c.name(), c.type().ours()));
        return schema.primaryKey(primaryKey).build();
    }

    /** The official row type of these columns. */
    public RowType officialRowType() {
        return new RowType(columns.stream().map(c -> new DataField(c.name(), c.type().upstream())).toList());
    }
}
