package io.flussreactive.internal.record;

import io.flussreactive.type.ArrayType;
import io.flussreactive.type.BinaryType;
import io.flussreactive.type.DataField;
import io.flussreactive.type.DataType;
import io.flussreactive.type.DecimalType;
import io.flussreactive.type.LocalZonedTimestampType;
import io.flussreactive.type.MapType;
import io.flussreactive.type.RowType;
import io.flussreactive.type.TimeType;
import io.flussreactive.type.TimestampType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Arrow schema of a Fluss row type. No schema travels with ARROW log batches: the writer and
 * every reader derive it from the Fluss row type of the batch's schema id, so this mapping must be
 * the one the server and the official client use, type for type and unit for unit.
 *
 * <p>Each field is named after its column and is nullable exactly when the Fluss type is. An
 * ARRAY's child is called {@code element}; a MAP has one NOT NULL {@code entries} struct whose
 * children are the NOT NULL {@code key} and the {@code value}.
 */
public final class ArrowSchemas {

    /** The name of an ARRAY's element field. */
    public static final String ARRAY_ELEMENT = "element";

    /** The name of a MAP's entry struct. */
    public static final String MAP_ENTRIES = "entries";

    /** The name of a MAP entry's key field. */
    public static final String MAP_KEY = "key";

    /** The name of a MAP entry's value field. */
    public static final String MAP_VALUE = "value";

    private ArrowSchemas() {}

    /**
     * The Arrow schema of every column of a row type.
     *
     * @param rowType the Fluss row type
     * @return one Arrow field per column, in column order
     */
    public static Schema toArrowSchema(RowType rowType) {
        List<Field> fields = new ArrayList<>(rowType.fieldCount());
        for (DataField field : rowType.fields()) {
            fields.add(toArrowField(field.name(), field.type()));
        }
        return new Schema(fields);
    }

    /**
     * The Arrow schema of the columns a projected fetch returns: the selected columns in ascending
     * position order, as the server writes them.
     *
     * @param rowType the table's row type
     * @param positions strictly increasing column positions
     * @return the projected Arrow schema
     * @throws IllegalArgumentException when the positions are not strictly increasing or out of range
     */
    public static Schema toArrowSchema(RowType rowType, int[] positions) {
        return toArrowSchema(project(rowType, positions));
    }

    /**
     * The row type restricted to some columns, in ascending position order.
     *
     * @param rowType the table's row type
     * @param positions strictly increasing column positions
     * @return a row type of the selected fields, with the nullability of {@code rowType}
     * @throws IllegalArgumentException when the positions are not strictly increasing or out of range
     */
    public static RowType project(RowType rowType, int[] positions) {
        List<DataField> fields = new ArrayList<>(positions.length);
        int previous = -1;
        for (int position : positions) {
            if (position <= previous || position >= rowType.fieldCount()) {
                throw new IllegalArgumentException("Projected column positions must be strictly increasing and "
                        + "below " + rowType.fieldCount() + ", but got " + Arrays.toString(positions));
            }
            fields.add(rowType.fields().get(position));
            previous = position;
        }
        return new RowType(rowType.nullable(), fields);
    }

    /**
     * The Arrow field of one value of a Fluss type, with its children.
     *
     * @param name the field name
     * @param type the Fluss type
     * @return the Arrow field
     */
    public static Field toArrowField(String name, DataType type) {
        FieldType fieldType = new FieldType(type.nullable(), toArrowType(type), null);
        List<Field> children = null;
        if (type instanceof ArrayType array) {
            children = List.of(toArrowField(ARRAY_ELEMENT, array.elementType()));
        } else if (type instanceof MapType map) {
            Field entries = new Field(
                    MAP_ENTRIES,
                    new FieldType(false, ArrowType.Struct.INSTANCE, null),
                    List.of(toArrowField(MAP_KEY, map.keyType()), toArrowField(MAP_VALUE, map.valueType())));
            children = List.of(entries);
        } else if (type instanceof RowType row) {
            children = new ArrayList<>(row.fieldCount());
            for (DataField field : row.fields()) {
                children.add(toArrowField(field.name(), field.type()));
            }
        }
        return new Field(name, fieldType, children);
    }

    /**
     * The Arrow type that stores values of a Fluss type (without children).
     *
     * @param type the Fluss type
     * @return the Arrow type
     */
    public static ArrowType toArrowType(DataType type) {
        return switch (type.root()) {
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case TINYINT -> new ArrowType.Int(8, true);
            case SMALLINT -> new ArrowType.Int(16, true);
            case INTEGER -> new ArrowType.Int(32, true);
            case BIGINT -> new ArrowType.Int(64, true);
            case FLOAT -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case CHAR, STRING -> ArrowType.Utf8.INSTANCE;
            case BINARY -> new ArrowType.FixedSizeBinary(((BinaryType) type).length());
            case BYTES -> ArrowType.Binary.INSTANCE;
            case DECIMAL -> {
                DecimalType decimal = (DecimalType) type;
                yield new ArrowType.Decimal(decimal.precision(), decimal.scale(), 128);
            }
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case TIME_WITHOUT_TIME_ZONE -> {
                TimeUnit unit = timeUnit(((TimeType) type).precision());
                yield new ArrowType.Time(unit, unit == TimeUnit.SECOND || unit == TimeUnit.MILLISECOND ? 32 : 64);
            }
            case TIMESTAMP_WITHOUT_TIME_ZONE ->
                    new ArrowType.Timestamp(timeUnit(((TimestampType) type).precision()), null);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
                    new ArrowType.Timestamp(timeUnit(((LocalZonedTimestampType) type).precision()), null);
            case ARRAY -> ArrowType.List.INSTANCE;
            case MAP -> new ArrowType.Map(false);
            case ROW -> ArrowType.Struct.INSTANCE;
        };
    }

    /**
     * The Arrow unit of a TIME or TIMESTAMP column: seconds for precision 0, then milli-, micro-
     * and nanoseconds for precisions up to 3, 6 and 9.
     *
     * @param precision the fractional-second digits, 0 to 9
     * @return the unit
     */
    public static TimeUnit timeUnit(int precision) {
        if (precision == 0) {
            return TimeUnit.SECOND;
        } else if (precision <= 3) {
            return TimeUnit.MILLISECOND;
        } else if (precision <= 6) {
            return TimeUnit.MICROSECOND;
        }
        return TimeUnit.NANOSECOND;
    }
}
