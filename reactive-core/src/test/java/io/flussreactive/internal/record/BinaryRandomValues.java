package io.flussreactive.internal.record;

import static io.flussreactive.type.DataTypes.ARRAY;
import static io.flussreactive.type.DataTypes.BIGINT;
import static io.flussreactive.type.DataTypes.BINARY;
import static io.flussreactive.type.DataTypes.BOOLEAN;
import static io.flussreactive.type.DataTypes.BYTES;
import static io.flussreactive.type.DataTypes.CHAR;
import static io.flussreactive.type.DataTypes.DATE;
import static io.flussreactive.type.DataTypes.DECIMAL;
import static io.flussreactive.type.DataTypes.DOUBLE;
import static io.flussreactive.type.DataTypes.FIELD;
import static io.flussreactive.type.DataTypes.FLOAT;
import static io.flussreactive.type.DataTypes.INT;
import static io.flussreactive.type.DataTypes.MAP;
import static io.flussreactive.type.DataTypes.ROW;
import static io.flussreactive.type.DataTypes.SMALLINT;
import static io.flussreactive.type.DataTypes.STRING;
import static io.flussreactive.type.DataTypes.TIME;
import static io.flussreactive.type.DataTypes.TIMESTAMP;
import static io.flussreactive.type.DataTypes.TIMESTAMP_LTZ;
import static io.flussreactive.type.DataTypes.TINYINT;

import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.type.ArrayType;
import io.flussreactive.type.BinaryType;
import io.flussreactive.type.CharType;
import io.flussreactive.type.DataField;
import io.flussreactive.type.DataType;
import io.flussreactive.type.DecimalType;
import io.flussreactive.type.LocalZonedTimestampType;
import io.flussreactive.type.MapType;
import io.flussreactive.type.RowType;
import io.flussreactive.type.TimestampType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random values of every type from a seeded generator, with nulls wherever a type allows them, and
 * the lists of types the encoding tests cover.
 */
final class BinaryRandomValues {

    private static final String[] SAMPLES = {"a", "é", "€", "日本", "🎉", "z", " ", "Ω"};

    private final Random random;

    BinaryRandomValues(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** Every scalar type, with the precisions that change the encoding. */
    static List<DataType> scalarTypes() {
        return List.of(
                BOOLEAN(), TINYINT(), SMALLINT(), INT(), BIGINT(), FLOAT(), DOUBLE(),
                CHAR(1), CHAR(10), STRING(), BINARY(1), BINARY(12), BYTES(),
                DECIMAL(1, 0), DECIMAL(10, 2), DECIMAL(18, 4), DECIMAL(19, 0), DECIMAL(38, 18), DECIMAL(38, 0),
                DATE(), TIME(), TIME(3),
                TIMESTAMP(0), TIMESTAMP(3), TIMESTAMP(4), TIMESTAMP(6), TIMESTAMP(9),
                TIMESTAMP_LTZ(0), TIMESTAMP_LTZ(3), TIMESTAMP_LTZ(6), TIMESTAMP_LTZ(9));
    }

    /** Nested types: arrays of every scalar type, maps, rows, and nesting of each in the others. */
    static List<DataType> nestedTypes() {
        List<DataType> types = new ArrayList<>();
        for (DataType scalar : scalarTypes()) {
            types.add(ARRAY(scalar));
        }
        types.add(ARRAY(INT().notNull()));
        types.add(ARRAY(STRING().notNull()).notNull());
        types.add(ARRAY(ARRAY(STRING())));
        types.add(ARRAY(ARRAY(BIGINT().notNull())));
        types.add(MAP(STRING(), INT()));
        types.add(MAP(INT(), ARRAY(STRING())));
        types.add(MAP(BYTES(), DECIMAL(38, 10)));
        types.add(MAP(TIMESTAMP(9), MAP(STRING(), DOUBLE())));
        types.add(ROW(FIELD("a", INT()), FIELD("b", STRING()), FIELD("c", ARRAY(DOUBLE()))));
        types.add(ROW(FIELD("street", STRING()),
                FIELD("geo", ROW(FIELD("lat", DOUBLE()), FIELD("lon", DOUBLE().notNull())).notNull())));
        types.add(ARRAY(ROW(FIELD("x", BIGINT()), FIELD("y", CHAR(4)), FIELD("z", BINARY(3)))));
        types.add(ARRAY(MAP(STRING(), ROW(FIELD("a", INT()), FIELD("b", ARRAY(ROW(FIELD("c", BIGINT()))))))));
        types.add(MAP(STRING(), ROW(FIELD("t", TIMESTAMP_LTZ(9)), FIELD("d", DECIMAL(20, 5)))));
        return types;
    }

    /** A row type with a column of every scalar and nested type, each nullable and NOT NULL. */
    static RowType everyTypeRow() {
        List<DataField> fields = new ArrayList<>();
        List<DataType> types = new ArrayList<>(scalarTypes());
        types.addAll(nestedTypes());
        for (DataType type : types) {
            fields.add(FIELD("c" + fields.size(), type));
            fields.add(FIELD("c" + fields.size(), type.notNull()));
        }
        return new RowType(fields);
    }

    Row row(RowType type) {
        GenericRow row = GenericRow.ofSize(type.fieldCount());
        for (int i = 0; i < type.fieldCount(); i++) {
            row.set(i, value(type.fields().get(i).type()));
        }
        return row;
    }

    /** A random value of the type; null in about one case in eight when the type is nullable. */
    Object value(DataType type) {
        if (type.nullable() && random.nextInt(8) == 0) {
            return null;
        }
        return nonNullValue(type);
    }

    Object nonNullValue(DataType type) {
        switch (type.root()) {
            case BOOLEAN:
                return random.nextBoolean();
            case TINYINT:
                return (byte) random.nextInt();
            case SMALLINT:
                return (short) random.nextInt();
            case INTEGER:
                return randomInt();
            case BIGINT:
                return randomLong();
            case FLOAT:
                return switch (random.nextInt(6)) {
                    case 0 -> Float.intBitsToFloat(random.nextInt());
                    case 1 -> new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, 0.0f,
                            Float.MIN_VALUE, Float.MAX_VALUE}[random.nextInt(7)];
                    default -> (random.nextFloat() - 0.5f) * 1000;
                };
            case DOUBLE:
                return switch (random.nextInt(6)) {
                    case 0 -> Double.longBitsToDouble(random.nextLong());
                    case 1 -> new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
                            Double.MIN_VALUE, Double.MAX_VALUE}[random.nextInt(7)];
                    default -> (random.nextDouble() - 0.5) * 1e6;
                };
            case CHAR:
                return string(((CharType) type).length());
            case STRING:
                return string(random.nextInt(3) == 0 ? 40 : 9);
            case BINARY:
                return bytes(((BinaryType) type).length(), true);
            case BYTES:
                return bytes(random.nextInt(3) == 0 ? random.nextInt(30) : random.nextInt(9), false);
            case DECIMAL:
                return decimal((DecimalType) type);
            case DATE:
                return LocalDate.ofEpochDay(random.nextInt(2_000_000) - 1_000_000);
            case TIME_WITHOUT_TIME_ZONE:
                return LocalTime.ofNanoOfDay(random.nextInt(86_400_000) * 1_000_000L);
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return LocalDateTime.ofInstant(instant(((TimestampType) type).precision()), ZoneOffset.UTC);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return instant(((LocalZonedTimestampType) type).precision());
            case ARRAY: {
                DataType elementType = ((ArrayType) type).elementType();
                int size = random.nextInt(5) == 0 ? 33 + random.nextInt(10) : random.nextInt(5);
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    list.add(value(elementType));
                }
                return list;
            }
            case MAP: {
                MapType mapType = (MapType) type;
                Map<Object, Object> map = new LinkedHashMap<>();
                int size = random.nextInt(5);
                for (int i = 0; i < size; i++) {
                    map.put(nonNullValue(mapType.keyType()), value(mapType.valueType()));
                }
                return map;
            }
            case ROW:
                return row((RowType) type);
            default:
                throw new IllegalArgumentException(type.summary());
        }
    }

    private int randomInt() {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(128);
            case 1 -> random.nextInt(1 << 21) - (1 << 20);
            default -> random.nextInt();
        };
    }

    private long randomLong() {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(128);
            case 1 -> random.nextInt();
            default -> random.nextLong();
        };
    }

    /** A string of at most {@code maxBytes} UTF-8 bytes, without zero characters. */
    String string(int maxBytes) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxBytes + 1);
        int bytes = 0;
        for (int i = 0; i < length; i++) {
            String next = random.nextBoolean()
                    ? String.valueOf((char) ('!' + random.nextInt(90)))
                    : SAMPLES[random.nextInt(SAMPLES.length)];
            int size = next.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes) {
                break;
            }
            text.append(next);
            bytes += size;
        }
        return text.toString();
    }

    /** Random bytes; with {@code nonZeroEnd} the last one is not zero, so that zero padding can be told apart. */
    byte[] bytes(int length, boolean nonZeroEnd) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        if (nonZeroEnd && length > 0 && bytes[length - 1] == 0) {
            bytes[length - 1] = 7;
        }
        return bytes;
    }

    private BigDecimal decimal(DecimalType type) {
        int digits = 1 + random.nextInt(type.precision());
        BigInteger unscaled = new BigInteger(digits * 4, random).mod(BigInteger.TEN.pow(digits));
        if (random.nextBoolean()) {
            unscaled = unscaled.negate();
        }
        return new BigDecimal(unscaled, type.scale());
    }

    /** An instant between the years -9000 and 12000, with sub-millisecond digits only above precision 3. */
    private Instant instant(int precision) {
        long seconds = (long) (random.nextDouble() * 660_000_000_000L) - 346_000_000_000L;
        if (random.nextInt(4) == 0) {
            seconds = random.nextInt(2_000_000_000);
        }
        int millis = random.nextInt(1000);
        int nanos = precision > 3 ? random.nextInt(1_000_000) : 0;
        return Instant.ofEpochSecond(seconds, millis * 1_000_000L + nanos);
    }
}
