package io.flussreactive.internal.record;

import io.flussreactive.row.Row;
import io.flussreactive.type.ArrayType;
import io.flussreactive.type.DataField;
import io.flussreactive.type.DataType;
import io.flussreactive.type.DecimalType;
import io.flussreactive.type.MapType;
import io.flussreactive.type.RowType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BaseFixedWidthVector;
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
 * Writes the Java values of one field into its Arrow vector, at a given index.
 *
 * <p>Values must have passed the field's {@link ArrowFieldCheck} first: writers cast without
 * asking. Every write goes through the vectors' {@code setSafe} methods, which grow the buffers
 * when needed, so a batch is not limited by the vectors' initial capacity. Writers are bound to
 * their vectors once per batch layout and allocate nothing per value beyond what Arrow needs.
 */
abstract class ArrowFieldWriter {

    private ArrowFieldWriter() {}

    /**
     * The writer of a type into a vector made from {@link ArrowSchemas#toArrowField}.
     *
     * @param type the Fluss type
     * @param vector the vector
     * @return the writer
     * @throws IllegalArgumentException when the vector does not have the type's Arrow layout
     */
    static ArrowFieldWriter of(DataType type, FieldVector vector) {
        ArrowType expected = ArrowSchemas.toArrowType(type);
        if (!expected.equals(vector.getField().getType())) {
            throw new IllegalArgumentException("Vector '" + vector.getName() + "' is " + vector.getField().getType()
                    + " but " + type + " needs " + expected);
        }
        return switch (type.root()) {
            case BOOLEAN -> new BooleanWriter((BitVector) vector);
            case TINYINT -> new TinyIntWriter((TinyIntVector) vector);
            case SMALLINT -> new SmallIntWriter((SmallIntVector) vector);
            case INTEGER -> new IntWriter((IntVector) vector);
            case BIGINT -> new BigIntWriter((BigIntVector) vector);
            case FLOAT -> new FloatWriter((Float4Vector) vector);
            case DOUBLE -> new DoubleWriter((Float8Vector) vector);
            case CHAR, STRING -> new Utf8Writer((VarCharVector) vector);
            case BINARY -> new FixedBinaryWriter((FixedSizeBinaryVector) vector);
            case BYTES -> new VarBinaryWriter((VarBinaryVector) vector);
            case DECIMAL -> new DecimalWriter((DecimalVector) vector, (DecimalType) type);
            case DATE -> new DateWriter((DateDayVector) vector);
            case TIME_WITHOUT_TIME_ZONE -> new TimeWriter(vector);
            case TIMESTAMP_WITHOUT_TIME_ZONE -> new LocalDateTimeWriter((TimeStampVector) vector);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> new InstantWriter((TimeStampVector) vector);
            case ARRAY -> {
                ListVector list = (ListVector) vector;
                yield new ArrayWriter(list, of(((ArrayType) type).elementType(), list.getDataVector()));
            }
            case MAP -> {
                MapVector map = (MapVector) vector;
                StructVector entries = (StructVector) map.getDataVector();
                MapType mapType = (MapType) type;
                yield new MapWriter(map, entries,
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
                ArrowFieldWriter[] children = new ArrowFieldWriter[fields.size()];
                for (int i = 0; i < children.length; i++) {
                    children[i] = of(fields.get(i).type(), (FieldVector) struct.getChildByOrdinal(i));
                }
                yield new StructWriter(struct, children);
            }
        };
    }

    /**
     * Writes a checked value, or null.
     *
     * @param index the position in the vector
     * @param value the value, already checked
     */
    final void write(int index, Object value) {
        if (value == null) {
            writeNull(index);
        } else {
            writeValue(index, value);
        }
    }

    /** Marks the value at {@code index} null, keeping offsets and child positions consistent. */
    abstract void writeNull(int index);

    /** Writes a checked value that is not null. */
    abstract void writeValue(int index, Object value);

    /** Fixed-width and variable-width vectors keep their offsets right by themselves on a null. */
    private abstract static class LeafWriter<V extends FieldVector> extends ArrowFieldWriter {
        final V vector;

        LeafWriter(V vector) {
            this.vector = vector;
        }

        @Override
        final void writeNull(int index) {
            vector.setNull(index);
        }
    }

    private static final class BooleanWriter extends LeafWriter<BitVector> {
        BooleanWriter(BitVector vector) {
            super(vector);
        }

        @Override
        void writeValue(int index, Object value) {
            vector.setSafe(index, (Boolean) value ? 1 : 0);
        }
    }

    /**
     * A fixed-width vector written with {@code set} while the index is within the capacity seen last,
     * sparing the capacity check {@code setSafe} makes on every value (a pass over buffer sizes).
     */
    private abstract static class FixedWidthWriter<V extends BaseFixedWidthVector> extends LeafWriter<V> {
        private int capacity;

        FixedWidthWriter(V vector) {
            super(vector);
        }

        /** Whether {@code index} is within the buffers as allocated, so that {@code set} may be used. */
        final boolean fits(int index) {
            if (index < capacity) {
                return true;
            }
            capacity = vector.getValueCapacity();
            return index < capacity;
        }
    }

    private static final class TinyIntWriter extends FixedWidthWriter<TinyIntVector> {
        TinyIntWriter(TinyIntVector vector) {
            super(vector);
        }

        @Override
        void writeValue(int index, Object value) {
            if (fits(index)) {
                vector.set(index, (Byte) value);
            } else {
                vector.setSafe(index, (Byte) value);
            }
        }
    }

    private static final class SmallIntWriter extends FixedWidthWriter<SmallIntVector> {
        SmallIntWriter(SmallIntVector vector) {
            super(vector);
        }

        @Override
        void writeValue(int index, Object value) {
            if (fits(index)) {
                vector.set(index, (Short) value);
            } else {
                vector.setSafe(index, (Short) value);
            }
        }
    }

    private static final class IntWriter extends FixedWidthWriter<IntVector> {
        IntWriter(IntVector vector) {
            super(vector);
        }

        @Override
        void writeValue(int index, Object value) {
            if (fits(index)) {
                vector.set(index, (Integer) value);
            } else {
                vector.setSafe(index, (Integer) value);
            }
        }
    }

    private static final class BigIntWriter extends FixedWidthWriter<BigIntVector> {
        BigIntWriter(BigIntVector vector) {
            super(vector);
        }

        @Override
        void writeValue(int index, Object value) {
            if (fits(index)) {
                vector.set(index, (Long) value);
            } else {
                vector.setSafe(index, (Long) value);
            }
        }
    }

    private static final class FloatWriter extends FixedWidthWriter<Float4Vector> {
        FloatWriter(Float4Vector vector) {
            super(vector);
        }

        @Override
        void writeValue(int index, Object value) {
            if (fits(index)) {
                vector.set(index, (Float) value);
            } else {
                vector.setSafe(index, (Float) value);
            }
        }
    }

    private static final class DoubleWriter extends FixedWidthWriter<Float8Vector> {
        DoubleWriter(Float8Vector vector) {
            super(vector);
        }

        @Override
        void writeValue(int index, Object value) {
            if (fits(index)) {
                vector.set(index, (Double) value);
            } else {
                vector.setSafe(index, (Double) value);
            }
        }
    }

    /**
     * Encodes into a reused array rather than allocating one per string. Strings too long for the
     * array get an array of their own, so that one huge value does not pin memory for good.
     */
    private static final class Utf8Writer extends LeafWriter<VarCharVector> {
        private static final int MAX_SCRATCH = 64 * 1024;

        private byte[] scratch = new byte[256];
        // The capacities seen last and where the data written so far ends at most, so that values
        // that fit are written with set(), without setSafe()'s checks of every buffer on each value.
        private int valueCapacity;
        private long dataCapacity;
        private long dataEnd;

        Utf8Writer(VarCharVector vector) {
            super(vector);
        }

        @Override
        void writeValue(int index, Object value) {
            String text = (String) value;
            // Three bytes per char is the most UTF-8 needs (a surrogate pair is two chars, four bytes).
            long worstCase = 3L * text.length();
            byte[] target = scratch;
            if (worstCase > target.length) {
                if (worstCase <= MAX_SCRATCH) {
                    scratch = new byte[MAX_SCRATCH];
                    target = scratch;
                } else {
                    target = new byte[ArrowUtf8.encodedLength(text)];
                }
            }
            int length = ArrowUtf8.encode(text, target);
            // An index written again (after a failed row) ends before dataEnd, so dataEnd stays an upper bound.
            if (index < valueCapacity && dataEnd + length <= dataCapacity) {
                vector.set(index, target, 0, length);
            } else {
                vector.setSafe(index, target, 0, length);
                valueCapacity = vector.getValueCapacity();
                dataCapacity = vector.getDataBuffer().capacity();
            }
            dataEnd += length;
        }
    }

    private static final class VarBinaryWriter extends LeafWriter<VarBinaryVector> {
        VarBinaryWriter(VarBinaryVector vector) {
            super(vector);
        }

        @Override
        void writeValue(int index, Object value) {
            byte[] bytes = (byte[]) value;
            vector.setSafe(index, bytes, 0, bytes.length);
        }
    }

    /** Pads values shorter than the column's width with zero bytes. */
    private static final class FixedBinaryWriter extends LeafWriter<FixedSizeBinaryVector> {
        FixedBinaryWriter(FixedSizeBinaryVector vector) {
            super(vector);
        }

        @Override
        void writeValue(int index, Object value) {
            byte[] bytes = (byte[]) value;
            int width = vector.getByteWidth();
            // Only rows read back from a row-format log have shorter values (see ArrowRowValidator).
            vector.setSafe(index, bytes.length == width ? bytes : Arrays.copyOf(bytes, width));
        }
    }

    /** Rescales to the column's scale; unscaled values that fit a long skip the byte conversion. */
    private static final class DecimalWriter extends LeafWriter<DecimalVector> {
        private final int scale;

        DecimalWriter(DecimalVector vector, DecimalType type) {
            super(vector);
            this.scale = type.scale();
        }

        @Override
        void writeValue(int index, Object value) {
            BigDecimal decimal = ArrowFieldCheck.rescale((BigDecimal) value, scale);
            BigInteger unscaled = decimal.unscaledValue();
            if (unscaled.bitLength() < Long.SIZE) {
                vector.setSafe(index, unscaled.longValue());
            } else {
                vector.setSafe(index, decimal);
            }
        }
    }

    private static final class DateWriter extends LeafWriter<DateDayVector> {
        DateWriter(DateDayVector vector) {
            super(vector);
        }

        @Override
        void writeValue(int index, Object value) {
            vector.setSafe(index, (int) ((LocalDate) value).toEpochDay());
        }
    }

    /** TIME: milliseconds of the day in one of four vector classes, one per unit. */
    private static final class TimeWriter extends LeafWriter<FieldVector> {
        private final TimeUnit unit;

        TimeWriter(FieldVector vector) {
            super(vector);
            this.unit = ((ArrowType.Time) vector.getField().getType()).getUnit();
        }

        @Override
        void writeValue(int index, Object value) {
            long time = ArrowTimeValues.timeToArrow(ArrowTimeValues.millisOfDay((LocalTime) value), unit);
            switch (unit) {
                case SECOND -> ((TimeSecVector) vector).setSafe(index, (int) time);
                case MILLISECOND -> ((TimeMilliVector) vector).setSafe(index, (int) time);
                case MICROSECOND -> ((TimeMicroVector) vector).setSafe(index, time);
                case NANOSECOND -> ((TimeNanoVector) vector).setSafe(index, time);
            }
        }
    }

    private static final class LocalDateTimeWriter extends LeafWriter<TimeStampVector> {
        private final TimeUnit unit;

        LocalDateTimeWriter(TimeStampVector vector) {
            super(vector);
            this.unit = ((ArrowType.Timestamp) vector.getField().getType()).getUnit();
        }

        @Override
        void writeValue(int index, Object value) {
            vector.setSafe(index, ArrowTimeValues.toArrow((LocalDateTime) value, unit));
        }
    }

    private static final class InstantWriter extends LeafWriter<TimeStampVector> {
        private final TimeUnit unit;

        InstantWriter(TimeStampVector vector) {
            super(vector);
            this.unit = ((ArrowType.Timestamp) vector.getField().getType()).getUnit();
        }

        @Override
        void writeValue(int index, Object value) {
            vector.setSafe(index, ArrowTimeValues.toArrow((Instant) value, unit));
        }
    }

    /**
     * ARRAY: the elements go to the child vector after those of the previous rows; the list
     * vector's offsets say where each row's elements start, so no position is kept here.
     */
    private static final class ArrayWriter extends ArrowFieldWriter {
        private final ListVector vector;
        private final ArrowFieldWriter element;

        ArrayWriter(ListVector vector, ArrowFieldWriter element) {
            this.vector = vector;
            this.element = element;
        }

        @Override
        void writeNull(int index) {
            vector.setNull(index);
        }

        @Override
        void writeValue(int index, Object value) {
            int start = vector.startNewValue(index);
            int next = start;
            for (Object item : (List<?>) value) {
                element.write(next++, item);
            }
            vector.endValue(index, next - start);
        }
    }

    /** MAP: like ARRAY, with one entries-struct slot (key and value) per entry. */
    private static final class MapWriter extends ArrowFieldWriter {
        private final MapVector vector;
        private final StructVector entries;
        private final ArrowFieldWriter key;
        private final ArrowFieldWriter value;

        MapWriter(MapVector vector, StructVector entries, ArrowFieldWriter key, ArrowFieldWriter value) {
            this.vector = vector;
            this.entries = entries;
            this.key = key;
            this.value = value;
        }

        @Override
        void writeNull(int index) {
            vector.setNull(index);
        }

        @Override
        void writeValue(int index, Object map) {
            int start = vector.startNewValue(index);
            int next = start;
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) map).entrySet()) {
                entries.setIndexDefined(next);
                key.write(next, entry.getKey());
                value.write(next, entry.getValue());
                next++;
            }
            vector.endValue(index, next - start);
        }
    }

    /** ROW: the children share the struct's index; a null struct gets null children too. */
    private static final class StructWriter extends ArrowFieldWriter {
        private final StructVector vector;
        private final ArrowFieldWriter[] fields;

        StructWriter(StructVector vector, ArrowFieldWriter[] fields) {
            this.vector = vector;
            this.fields = fields;
        }

        @Override
        void writeNull(int index) {
            vector.setNull(index);
            for (ArrowFieldWriter field : fields) {
                field.writeNull(index);
            }
        }

        @Override
        void writeValue(int index, Object value) {
            Row row = (Row) value;
            vector.setIndexDefined(index);
            for (int i = 0; i < fields.length; i++) {
                fields[i].write(index, row.get(i));
            }
        }
    }
}
