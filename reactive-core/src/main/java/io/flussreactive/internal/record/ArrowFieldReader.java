package io.flussreactive.internal.record;

import io.flussreactive.row.GenericRow;
import io.flussreactive.type.ArrayType;
import io.flussreactive.type.DataField;
import io.flussreactive.type.DataType;
import io.flussreactive.type.MapType;
import io.flussreactive.type.RowType;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Reads the values of one field from its Arrow vector as the Java values listed in {@link
 * io.flussreactive.row.Row}; the inverse of {@link ArrowFieldWriter}.
 *
 * <p>Nested values come back as copies that own their data (unmodifiable lists and maps, {@link
 * GenericRow}s), so they stay valid after the vectors are released.
 */
abstract class ArrowFieldReader {

    private ArrowFieldReader() {}

    /**
     * The reader of a type from a vector made from {@link ArrowSchemas#toArrowField}.
     *
     * @param type the Fluss type
     * @param vector the vector
     * @return the reader
     * @throws IllegalArgumentException when the vector does not have the type's Arrow layout
     */
    static ArrowFieldReader of(DataType type, FieldVector vector) {
        ArrowType expected = ArrowSchemas.toArrowType(type);
        if (!expected.equals(vector.getField().getType())) {
            throw new IllegalArgumentException("Vector '" + vector.getName() + "' is " + vector.getField().getType()
                    + " but " + type + " needs " + expected);
        }
        return switch (type.root()) {
            case BOOLEAN -> new Leaf(vector, i -> ((BitVector) vector).get(i) != 0);
            case TINYINT -> new Leaf(vector, i -> ((TinyIntVector) vector).get(i));
            case SMALLINT -> new Leaf(vector, i -> ((SmallIntVector) vector).get(i));
            case INTEGER -> new Leaf(vector, i -> ((IntVector) vector).get(i));
            case BIGINT -> new Leaf(vector, i -> ((BigIntVector) vector).get(i));
            case FLOAT -> new Leaf(vector, i -> ((Float4Vector) vector).get(i));
            case DOUBLE -> new Leaf(vector, i -> ((Float8Vector) vector).get(i));
            case CHAR, STRING -> new Leaf(vector, i -> utf8((VarCharVector) vector, i));
            case BINARY -> new Leaf(vector, i -> ((FixedSizeBinaryVector) vector).get(i));
            case BYTES -> new Leaf(vector, i -> ((VarBinaryVector) vector).get(i));
            case DECIMAL -> new Leaf(vector, i -> ((DecimalVector) vector).getObject(i));
            case DATE -> new Leaf(vector, i -> LocalDate.ofEpochDay(((DateDayVector) vector).get(i)));
            case TIME_WITHOUT_TIME_ZONE -> time(vector);
            case TIMESTAMP_WITHOUT_TIME_ZONE -> {
                TimeUnit unit = ((ArrowType.Timestamp) vector.getField().getType()).getUnit();
                yield new Leaf(vector,
                        i -> ArrowTimeValues.localDateTimeFromArrow(((TimeStampVector) vector).get(i), unit));
            }
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> {
                TimeUnit unit = ((ArrowType.Timestamp) vector.getField().getType()).getUnit();
                yield new Leaf(vector,
                        i -> ArrowTimeValues.instantFromArrow(((TimeStampVector) vector).get(i), unit));
            }
            case ARRAY -> {
                ListVector list = (ListVector) vector;
                yield new ArrayReader(list, of(((ArrayType) type).elementType(), list.getDataVector()));
            }
            case MAP -> {
                MapVector map = (MapVector) vector;
                StructVector entries = (StructVector) map.getDataVector();
                MapType mapType = (MapType) type;
                yield new MapReader(map,
                        of(mapType.keyType(), (FieldVector) entries.getChildByOrdinal(0)),
                        of(mapType.valueType(), (FieldVector) entries.getChildByOrdinal(1)));
            }
            case ROW -> {
                StructVector struct = (StructVector) vector;
                List<DataField> fields = ((RowType) type).fields();
                if (struct.size() != fields.size()) {
                    throw new IllegalArgumentException("Vector '" + vector.getName() + "' has " + struct.size()
                            + " children but " + type + " has " + fields.size() + " fields");
                }
                ArrowFieldReader[] children = new ArrowFieldReader[fields.size()];
                for (int i = 0; i < children.length; i++) {
                    children[i] = of(fields.get(i).type(), (FieldVector) struct.getChildByOrdinal(i));
                }
                yield new StructReader(struct, children);
            }
        };
    }

    /**
     * Whether the value at {@code index} is null.
     *
     * @param index the position in the vector
     * @return true for null
     */
    abstract boolean isNull(int index);

    /**
     * The value at {@code index}.
     *
     * @param index the position in the vector
     * @return the Java value, or null
     */
    final Object read(int index) {
        return isNull(index) ? null : readValue(index);
    }

    /** The value at an index that is not null. */
    abstract Object readValue(int index);

    private static ArrowFieldReader time(FieldVector vector) {
        TimeUnit unit = ((ArrowType.Time) vector.getField().getType()).getUnit();
        return new Leaf(vector, i -> {
            long value = switch (unit) {
                case SECOND -> ((TimeSecVector) vector).get(i);
                case MILLISECOND -> ((TimeMilliVector) vector).get(i);
                case MICROSECOND -> ((TimeMicroVector) vector).get(i);
                case NANOSECOND -> ((TimeNanoVector) vector).get(i);
            };
            return ArrowTimeValues.timeFromArrow(value, unit);
        });
    }

    private static String utf8(VarCharVector vector, int index) {
        ArrowBuf offsets = vector.getOffsetBuffer();
        int start = offsets.getInt((long) index * VarCharVector.OFFSET_WIDTH);
        int end = offsets.getInt((long) (index + 1) * VarCharVector.OFFSET_WIDTH);
        byte[] bytes = new byte[end - start];
        vector.getDataBuffer().getBytes(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** How a leaf reader turns one non-null slot of its vector into a Java value. */
    @FunctionalInterface
    private interface SlotReader {
        Object read(int index);
    }

    /** A vector without children. */
    private static final class Leaf extends ArrowFieldReader {
        private final FieldVector vector;
        private final SlotReader slot;

        Leaf(FieldVector vector, SlotReader slot) {
            this.vector = vector;
            this.slot = slot;
        }

        @Override
        boolean isNull(int index) {
            return vector.isNull(index);
        }

        @Override
        Object readValue(int index) {
            return slot.read(index);
        }
    }

    private static final class ArrayReader extends ArrowFieldReader {
        private final ListVector vector;
        private final ArrowFieldReader element;

        ArrayReader(ListVector vector, ArrowFieldReader element) {
            this.vector = vector;
            this.element = element;
        }

        @Override
        boolean isNull(int index) {
            return vector.isNull(index);
        }

        @Override
        Object readValue(int index) {
            int start = vector.getElementStartIndex(index);
            int end = vector.getElementEndIndex(index);
            Object[] items = new Object[end - start];
            for (int i = 0; i < items.length; i++) {
                items[i] = element.read(start + i);
            }
            return Collections.unmodifiableList(Arrays.asList(items));
        }
    }

    /** Keeps the entries in their stored order. */
    private static final class MapReader extends ArrowFieldReader {
        private final MapVector vector;
        private final ArrowFieldReader key;
        private final ArrowFieldReader value;

        MapReader(MapVector vector, ArrowFieldReader key, ArrowFieldReader value) {
            this.vector = vector;
            this.key = key;
            this.value = value;
        }

        @Override
        boolean isNull(int index) {
            return vector.isNull(index);
        }

        @Override
        Object readValue(int index) {
            int start = vector.getElementStartIndex(index);
            int end = vector.getElementEndIndex(index);
            Map<Object, Object> map = new LinkedHashMap<>(Math.max(4, (end - start) * 2));
            for (int i = start; i < end; i++) {
                map.put(key.read(i), value.read(i));
            }
            return Collections.unmodifiableMap(map);
        }
    }

    private static final class StructReader extends ArrowFieldReader {
        private final StructVector vector;
        private final ArrowFieldReader[] fields;

        StructReader(StructVector vector, ArrowFieldReader[] fields) {
            this.vector = vector;
            this.fields = fields;
        }

        @Override
        boolean isNull(int index) {
            return vector.isNull(index);
        }

        @Override
        Object readValue(int index) {
            GenericRow row = GenericRow.ofSize(fields.length);
            for (int i = 0; i < fields.length; i++) {
                row.set(i, fields[i].read(index));
            }
            return row;
        }
    }
}
