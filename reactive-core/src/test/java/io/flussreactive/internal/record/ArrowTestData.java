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
import io.flussreactive.type.DataType;
import io.flussreactive.type.DecimalType;
import io.flussreactive.type.LocalZonedTimestampType;
import io.flussreactive.type.MapType;
import io.flussreactive.type.RowType;
import io.flussreactive.type.TimeType;
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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.vector.types.TimeUnit;

/**
 * A row type with a column of every type (every TIME and TIMESTAMP precision class, nested types,
 * NOT NULL at several levels), and random rows for it whose values survive a round trip exactly.
 */
final class ArrowTestData {

    private ArrowTestData() {}

    /** Every type, nested types included. */
    static RowType everyType() {
        return ROW(
                FIELD("bool", BOOLEAN()),
                FIELD("tiny", TINYINT()),
                FIELD("small", SMALLINT()),
                FIELD("id", INT().notNull()),
                FIELD("big", BIGINT()),
                FIELD("float", FLOAT()),
                FIELD("double", DOUBLE()),
                FIELD("char", CHAR(3)),
                FIELD("text", STRING()),
                FIELD("binary", BINARY(8)),
                FIELD("bytes", BYTES()),
                FIELD("dec", DECIMAL(10, 2)),
                FIELD("dec_long", DECIMAL(18, 0)),
                FIELD("dec_wide", DECIMAL(38, 18)),
                FIELD("date", DATE()),
                FIELD("time0", TIME(0)),
                FIELD("time3", TIME(3)),
                FIELD("time6", TIME(6)),
                FIELD("time9", TIME(9)),
                FIELD("ts0", TIMESTAMP(0)),
                FIELD("ts1", TIMESTAMP(1)),
                FIELD("ts3", TIMESTAMP(3)),
                FIELD("ts4", TIMESTAMP(4)),
                FIELD("ts6", TIMESTAMP(6)),
                FIELD("ts7", TIMESTAMP(7)),
                FIELD("ts9", TIMESTAMP(9)),
                FIELD("ltz0", TIMESTAMP_LTZ(0)),
                FIELD("ltz3", TIMESTAMP_LTZ(3)),
                FIELD("ltz6", TIMESTAMP_LTZ(6)),
                FIELD("ltz9", TIMESTAMP_LTZ(9).notNull()),
                FIELD("ints", ARRAY(INT().notNull())),
                FIELD("texts", ARRAY(STRING())),
                FIELD("binaries", ARRAY(BINARY(2))),
                FIELD("instants", ARRAY(TIMESTAMP_LTZ(9))),
                FIELD("scores", MAP(STRING(), ARRAY(DOUBLE()))),
                FIELD("amounts", MAP(INT(), DECIMAL(38, 10))),
                FIELD("address", ROW(FIELD("street", STRING()),
                        FIELD("geo", ROW(FIELD("lat", DOUBLE()), FIELD("lon", DOUBLE())).notNull()))),
                FIELD("strict", ROW(FIELD("x", INT().notNull()), FIELD("y", STRING().notNull())).notNull()),
                FIELD("deep", ARRAY(MAP(STRING(), ROW(FIELD("a", INT()),
                        FIELD("b", ARRAY(ROW(FIELD("c", BIGINT()), FIELD("d", TIME(3)))))))))
        );
    }

    /**
     * Random values whose round trip is exact: times and timestamps are generated at the
     * granularity of their Arrow unit, decimals at their scale.
     */
    static final class Values {
        private final Random random;
        private final boolean officialReadable;

        /**
         * @param seed the random seed
         * @param officialReadable avoid timestamps the official 0.9.1 reader cannot read: before
         *     1970 with a sub-millisecond part in a micro- or nanosecond column (it truncates
         *     towards zero and then rejects the negative remainder)
         */
        Values(long seed, boolean officialReadable) {
            this.random = new Random(seed);
            this.officialReadable = officialReadable;
        }

        List<Row> rows(RowType rowType, int count) {
            List<Row> rows = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                rows.add(row(rowType));
            }
            return rows;
        }

        GenericRow row(RowType rowType) {
            GenericRow row = GenericRow.ofSize(rowType.fieldCount());
            for (int i = 0; i < rowType.fieldCount(); i++) {
                row.set(i, valueOrNull(rowType.fields().get(i).type()));
            }
            return row;
        }

        Object valueOrNull(DataType type) {
            if (type.nullable() && random.nextInt(7) == 0) {
                return null;
            }
            return value(type);
        }

        Object value(DataType type) {
            return switch (type.root()) {
                case BOOLEAN -> random.nextBoolean();
                case TINYINT -> (byte) random.nextInt();
                case SMALLINT -> (short) random.nextInt();
                case INTEGER -> pick(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, random.nextInt());
                case BIGINT -> pick(Long.MIN_VALUE, Long.MAX_VALUE, 0L, random.nextLong());
                case FLOAT -> pick(Float.NaN, -0.0f, Float.MAX_VALUE, random.nextFloat() * 1000 - 500);
                case DOUBLE -> pick(Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -0.0, random.nextGaussian() * 1e9);
                case CHAR -> text(((CharType) type).length());
                case STRING -> text();
                case BINARY -> bytes(((BinaryType) type).length());
                case BYTES -> bytes(random.nextInt(20));
                case DECIMAL -> decimal((DecimalType) type);
                case DATE -> LocalDate.ofEpochDay(random.nextInt(400_000) - 200_000);
                case TIME_WITHOUT_TIME_ZONE -> time((TimeType) type);
                case TIMESTAMP_WITHOUT_TIME_ZONE -> {
                    long[] at = instantParts(ArrowSchemas.timeUnit(((TimestampType) type).precision()));
                    yield LocalDateTime.ofEpochSecond(at[0], (int) at[1], ZoneOffset.UTC);
                }
                case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> {
                    long[] at = instantParts(ArrowSchemas.timeUnit(((LocalZonedTimestampType) type).precision()));
                    yield Instant.ofEpochSecond(at[0], at[1]);
                }
                case ARRAY -> {
                    List<Object> items = new ArrayList<>();
                    int size = random.nextInt(5);
                    for (int i = 0; i < size; i++) {
                        items.add(valueOrNull(((ArrayType) type).elementType()));
                    }
                    yield items;
                }
                case MAP -> {
                    MapType mapType = (MapType) type;
                    Map<Object, Object> map = new LinkedHashMap<>();
                    int size = random.nextInt(4);
                    for (int i = 0; i < size; i++) {
                        map.put(value(mapType.keyType()), valueOrNull(mapType.valueType()));
                    }
                    yield map;
                }
                case ROW -> row((RowType) type);
            };
        }

        @SafeVarargs
        private <T> T pick(T... choices) {
            // The last choice is the ordinary random value; the others are edge cases.
            return random.nextInt(4) == 0 ? choices[random.nextInt(choices.length)] : choices[choices.length - 1];
        }

        private String text() {
            String[] pieces = {"a", "Z", "é", "ß", "€", "中", "😀", " ", "", "fluss"};
            StringBuilder text = new StringBuilder();
            int count = random.nextInt(6);
            for (int i = 0; i < count; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            return text.toString();
        }

        /** Random text of at most {@code maxBytes} bytes in UTF-8, as CHAR(n) takes. */
        private String text(int maxBytes) {
            String text = text();
            while (text.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
                text = text.substring(0, text.offsetByCodePoints(text.length(), -1));
            }
            return text;
        }

        private byte[] bytes(int length) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return bytes;
        }

        private BigDecimal decimal(DecimalType type) {
            int digits = 1 + random.nextInt(type.precision());
            StringBuilder unscaled = new StringBuilder(random.nextBoolean() ? "-" : "");
            for (int i = 0; i < digits; i++) {
                unscaled.append((char) ('0' + random.nextInt(10)));
            }
            return new BigDecimal(new BigInteger(unscaled.toString()), type.scale());
        }

        private LocalTime time(TimeType type) {
            int millis = random.nextInt(86_400_000);
            if (type.precision() == 0) {
                millis -= millis % 1000;
            }
            return LocalTime.ofNanoOfDay(millis * 1_000_000L);
        }

        /** Epoch second and nanosecond, between 1811 and 2128, at the granularity of the unit. */
        private long[] instantParts(TimeUnit unit) {
            long second = (random.nextLong() % 5_000_000_000L);
            long nano = random.nextInt(1_000_000_000);
            nano -= switch (unit) {
                case SECOND -> nano;
                case MILLISECOND -> nano % 1_000_000;
                case MICROSECOND -> nano % 1_000;
                case NANOSECOND -> 0;
            };
            if (officialReadable && second < 0) {
                nano -= nano % 1_000_000;
            }
            return new long[] {second, nano};
        }
    }

    /**
     * A value in a form that compares by content: byte arrays as hex text, rows as lists of their
     * values, nested lists and maps likewise.
     */
    static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof Row row) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < row.fieldCount(); i++) {
                values.add(comparable(row.get(i)));
            }
            return new RowContent(values);
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>();
            list.forEach(item -> items.add(comparable(item)));
            return items;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> entries = new LinkedHashMap<>();
            map.forEach((k, v) -> entries.put(comparable(k), comparable(v)));
            return entries;
        }
        return value;
    }

    /** Rows in comparable form. */
    static List<Object> comparable(List<? extends Row> rows) {
        List<Object> result = new ArrayList<>();
        rows.forEach(row -> result.add(comparable((Object) row)));
        return result;
    }

    /**
     * The values of a row, for comparison.
     *
     * @param values the row's values
     */
    record RowContent(List<Object> values) {
        @Override
        public String toString() {
            return "Row" + values;
        }
    }
}
