package io.flussreactive.interop;

import io.flussreactive.row.GenericRow;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.fluss.types.ArrayType;
import org.apache.fluss.types.CharType;
import org.apache.fluss.types.DataType;
import org.apache.fluss.types.DecimalType;
import org.apache.fluss.types.LocalZonedTimestampType;
import org.apache.fluss.types.MapType;
import org.apache.fluss.types.RowType;
import org.apache.fluss.types.BinaryType;
import org.apache.fluss.types.TimeType;
import org.apache.fluss.types.TimestampType;

/**
 * Values at the edges of each Fluss type (smallest and largest numbers, empty strings, arrays and
 * maps, unicode, the ends of each timestamp unit's range, nulls inside nested values), as our Java
 * values (see {@link io.flussreactive.row.Row}).
 *
 * <p>Timestamps before 1970 with sub-millisecond parts can be left out for the official 0.9.1 reader,
 * which cannot read them: see {@link #withoutSubMillisecondsBefore1970()}.
 */
public final class SampleValues {

    private static final String LONG_TEXT = "0123456789abcdefghijklmnopqrstuvwxyz".repeat(30);

    /** The smallest TIMESTAMP(9) value: {@code Long.MIN_VALUE} nanoseconds since the epoch. */
    public static final LocalDateTime SMALLEST_NANOSECOND_TIMESTAMP = LocalDateTime.of(1677, 9, 21, 0, 12, 43, 145_224_192);

    private final boolean subMillisecondsBefore1970;

    private SampleValues(boolean subMillisecondsBefore1970) {
        this.subMillisecondsBefore1970 = subMillisecondsBefore1970;
    }

    /** Every sample. */
    public static SampleValues all() {
        return new SampleValues(true);
    }

    /**
     * Without TIMESTAMP and TIMESTAMP_LTZ values of precision above 3 that are before 1970 and not whole
     * milliseconds: the official 0.9.1 reader fails on them.
     */
    public SampleValues withoutSubMillisecondsBefore1970() {
        return new SampleValues(false);
    }

    /**
     * Rows of these column types: an INT id (the row's index) followed by a value of each type,
     * cycling through each type's samples so that every sample appears, and last a row where every
     * column but the id is null.
     *
     * @param columnTypes the official types of the columns after the id
     * @param rowCount how many rows with values (at least the largest number of samples of a type)
     */
    public List<GenericRow> rows(List<DataType> columnTypes, int rowCount) {
        List<List<Object>> samples = columnTypes.stream().map(this::samples).toList();
        int needed = samples.stream().mapToInt(List::size).max().orElse(0);
        if (rowCount < needed) {
            throw new IllegalArgumentException("At least " + needed + " rows are needed to use every sample");
        }
        List<GenericRow> rows = new ArrayList<>();
        for (int i = 0; i < rowCount; i++) {
            GenericRow row = GenericRow.ofSize(columnTypes.size() + 1).set(0, i);
            for (int c = 0; c < columnTypes.size(); c++) {
                List<Object> values = samples.get(c);
                row.set(c + 1, values.get((i + c) % values.size()));
            }
            rows.add(row);
        }
        rows.add(GenericRow.ofSize(columnTypes.size() + 1).set(0, rowCount));
        return rows;
    }

    /** The non-null samples of a type. */
    public List<Object> samples(DataType type) {
        return switch (type.getTypeRoot()) {
            case BOOLEAN -> List.of(true, false);
            case TINYINT -> List.of(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0, (byte) -1);
            case SMALLINT -> List.of(Short.MIN_VALUE, Short.MAX_VALUE, (short) 0, (short) -1);
            case INTEGER -> List.of(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1);
            case BIGINT -> List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L);
            case FLOAT -> List.of(-Float.MAX_VALUE, Float.MAX_VALUE, Float.MIN_VALUE, 0.0f, -0.0f, Float.NaN,
                    Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1.5f);
            case DOUBLE -> List.of(-Double.MAX_VALUE, Double.MAX_VALUE, Double.MIN_VALUE, 0.0, -0.0, Double.NaN,
                    Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5);
            case CHAR -> charSamples(((CharType) type).getLength());
            case STRING -> List.of("", "a", "h\u00e9llo w\u00f6rld", "\u65e5\u672c\u8a9e \ud83c\udf89 x\u0000y", LONG_TEXT);
            case BINARY -> binarySamples(((BinaryType) type).getLength());
            case BYTES -> List.of(new byte[0], new byte[] {0}, allByteValues());
            case DECIMAL -> decimalSamples((DecimalType) type);
            case DATE -> List.of(LocalDate.EPOCH, LocalDate.of(1969, 12, 31), LocalDate.of(2024, 2, 29),
                    LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31));
            case TIME_WITHOUT_TIME_ZONE -> timeSamples(((TimeType) type).getPrecision());
            case TIMESTAMP_WITHOUT_TIME_ZONE -> List.copyOf(timestampSamples(((TimestampType) type).getPrecision()));
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
                    timestampSamples(((LocalZonedTimestampType) type).getPrecision()).stream()
                            .map(t -> (Object) t.toInstant(ZoneOffset.UTC))
                            .toList();
            case ARRAY -> arraySamples(((ArrayType) type).getElementType());
            case MAP -> mapSamples((MapType) type);
            case ROW -> rowSamples((RowType) type);
            default -> throw new IllegalArgumentException("No samples for " + type);
        };
    }

    /**
     * Distinct values of a key-capable type, {@code count} of them (BOOLEAN has two): the samples
     * first, then values spread over the type's range, of varied encoded lengths where the encoding
     * has a length (STRING and BYTES values of 1 to 9 characters or bytes among them).
     *
     * @param type a type other than ARRAY, MAP and ROW
     * @param count how many values
     */
    public List<Object> keys(DataType type, int count) {
        List<Object> keys = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        List<Object> candidates = new ArrayList<>(samples(type));
        for (int i = 0; i < 4 * count; i++) {
            candidates.add(spread(type, i));
        }
        for (Object candidate : candidates) {
            if (keys.size() < count && candidate != null && seen.add(ComparableValues.of(candidate))) {
                keys.add(candidate);
            }
        }
        return keys;
    }

    /** The {@code i}th value of a sequence spread over the type's range, or null when it does not fit. */
    private Object spread(DataType type, int i) {
        return switch (type.getTypeRoot()) {
            case BOOLEAN -> i % 2 == 0;
            case TINYINT -> (byte) (i * 37 - 100);
            case SMALLINT -> (short) (i * 7_919 - 30_000);
            case INTEGER -> i * 104_729 * 97 - 1_000_000_000;
            case BIGINT -> i * 1_000_000_007L * 1_000_003L - 7;
            case FLOAT -> i * 1.25f - 7.5f;
            case DOUBLE -> i * 3.75e10 - 40.5;
            case CHAR -> {
                String text = Integer.toString(i * 7, 36);
                yield text.length() <= ((CharType) type).getLength() ? text : null;
            }
            case STRING -> i < 9 ? "abcdefghi".substring(0, i + 1) : "key-\u00e9-" + i;
            case BINARY -> {
                byte[] bytes = new byte[((BinaryType) type).getLength()];
                for (int b = 0; b < bytes.length; b++) {
                    bytes[b] = (byte) (i * 31 + b);
                }
                yield bytes;
            }
            case BYTES -> {
                byte[] bytes = new byte[1 + i % 9];
                for (int b = 0; b < bytes.length; b++) {
                    bytes[b] = (byte) (i * 7 + b);
                }
                yield bytes;
            }
            case DECIMAL -> {
                DecimalType decimal = (DecimalType) type;
                // Use the whole precision, so that wide decimals get wide unscaled values.
                BigInteger unscaled = BigInteger.valueOf(i * 12_345L - 99_999)
                        .multiply(BigInteger.TEN.pow(Math.max(0, decimal.getPrecision() - 8)));
                yield unscaled.abs().compareTo(BigInteger.TEN.pow(decimal.getPrecision())) < 0
                        ? new BigDecimal(unscaled, decimal.getScale()) : null;
            }
            case DATE -> LocalDate.of(1960, 1, 1).plusDays(i * 397L);
            case TIME_WITHOUT_TIME_ZONE -> {
                LocalTime time = LocalTime.ofSecondOfDay(i * 3_701L % 86_400);
                yield ((TimeType) type).getPrecision() == 0 ? time : time.plusNanos(i * 7L % 1000 * 1_000_000);
            }
            case TIMESTAMP_WITHOUT_TIME_ZONE -> spreadTimestamp(((TimestampType) type).getPrecision(), i);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> {
                LocalDateTime value = spreadTimestamp(((LocalZonedTimestampType) type).getPrecision(), i);
                yield value == null ? null : value.toInstant(ZoneOffset.UTC);
            }
            default -> throw new IllegalArgumentException("No key values for " + type);
        };
    }

    private LocalDateTime spreadTimestamp(int precision, int i) {
        LocalDateTime value = truncate(LocalDateTime.of(1950, 1, 1, 0, 0)
                .plusSeconds(i * 86_413L * 97).plusNanos(i * 123_456_789L), precision);
        boolean subMillisecondBefore1970 = value.getYear() < 1970 && value.getNano() % 1_000_000 != 0;
        return subMillisecondBefore1970 && !subMillisecondsBefore1970 ? null : value;
    }

    private static List<Object> charSamples(int length) {
        // The INDEXED format pads CHAR(n) to n UTF-8 bytes, so every sample fits in n bytes.
        return List.of("a".repeat(length), "b", "", "\u00e9".repeat(length / 2));
    }

    private static List<Object> binarySamples(int length) {
        byte[] ones = new byte[length];
        Arrays.fill(ones, (byte) 0xFF);
        byte[] counting = new byte[length];
        for (int i = 0; i < length; i++) {
            counting[i] = (byte) (i + 1);
        }
        return List.of(new byte[length], ones, counting);
    }

    private static byte[] allByteValues() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    private static List<Object> decimalSamples(DecimalType type) {
        int precision = type.getPrecision();
        int scale = type.getScale();
        BigDecimal largest = new BigDecimal(BigInteger.TEN.pow(precision).subtract(BigInteger.ONE), scale);
        List<Object> samples = new ArrayList<>(List.of(
                largest, largest.negate(), BigDecimal.ZERO.setScale(scale), new BigDecimal(BigInteger.ONE, scale)));
        if (scale >= 1 && precision - scale >= 1) {
            samples.add(new BigDecimal("-1.5").setScale(scale));
        }
        return samples;
    }

    private static List<Object> timeSamples(int precision) {
        if (precision == 0) {
            return List.of(LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59), LocalTime.of(12, 34, 56));
        }
        // Fluss keeps TIME in milliseconds whatever the precision.
        return List.of(LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_000_000), LocalTime.of(12, 34, 56, 7_000_000));
    }

    private List<LocalDateTime> timestampSamples(int precision) {
        List<LocalDateTime> candidates = new ArrayList<>(List.of(
                LocalDateTime.of(1970, 1, 1, 0, 0),
                LocalDateTime.of(2024, 2, 29, 12, 34, 56, 123_456_789),
                LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000),
                LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999),
                LocalDateTime.of(1900, 1, 1, 0, 0, 0, 1)));
        if (precision <= 6) {
            candidates.add(LocalDateTime.of(1, 1, 1, 0, 0));
            candidates.add(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999));
        } else {
            // The range of 64-bit nanoseconds since the epoch.
            candidates.add(SMALLEST_NANOSECOND_TIMESTAMP);
            candidates.add(LocalDateTime.of(1677, 9, 22, 0, 0));
            candidates.add(LocalDateTime.of(2262, 4, 11, 23, 47, 16, 854_775_807));
        }
        List<LocalDateTime> samples = new ArrayList<>();
        for (LocalDateTime candidate : candidates) {
            LocalDateTime value = truncate(candidate, precision);
            boolean subMillisecondBefore1970 = value.getYear() < 1970 && value.getNano() % 1_000_000 != 0;
            if ((!subMillisecondBefore1970 || subMillisecondsBefore1970) && !samples.contains(value)) {
                samples.add(value);
            }
        }
        return samples;
    }

    private static LocalDateTime truncate(LocalDateTime value, int precision) {
        int unit = BigInteger.TEN.pow(9 - precision).intValueExact();
        return value.withNano(value.getNano() - value.getNano() % unit);
    }

    private List<Object> arraySamples(DataType elementType) {
        List<Object> elements = samples(elementType);
        List<Object> samples = new ArrayList<>();
        samples.add(List.of());
        samples.add(List.copyOf(elements));
        samples.add(List.of(elements.get(elements.size() - 1)));
        if (elementType.isNullable()) {
            samples.add(Arrays.asList(null, elements.get(0), null));
        }
        return samples;
    }

    private List<Object> mapSamples(MapType type) {
        List<Object> keys = samples(type.getKeyType());
        List<Object> values = samples(type.getValueType());
        Map<Object, Object> full = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            full.put(keys.get(i), values.get(i % values.size()));
        }
        List<Object> samples = new ArrayList<>();
        samples.add(Map.of());
        samples.add(full);
        if (type.getValueType().isNullable()) {
            Map<Object, Object> nullValue = new LinkedHashMap<>();
            nullValue.put(keys.get(0), null);
            nullValue.put(keys.get(keys.size() - 1), values.get(0));
            samples.add(nullValue);
        }
        return samples;
    }

    private List<Object> rowSamples(RowType type) {
        List<List<Object>> fieldSamples = type.getChildren().stream().map(this::samples).toList();
        int count = fieldSamples.stream().mapToInt(List::size).max().orElse(0);
        List<Object> rows = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            GenericRow row = GenericRow.ofSize(fieldSamples.size());
            for (int f = 0; f < fieldSamples.size(); f++) {
                row.set(f, fieldSamples.get(f).get(j % fieldSamples.get(f).size()));
            }
            rows.add(row);
        }
        GenericRow nulls = GenericRow.ofSize(fieldSamples.size());
        for (int f = 0; f < fieldSamples.size(); f++) {
            if (!type.getTypeAt(f).isNullable()) {
                nulls.set(f, fieldSamples.get(f).get(0));
            }
        }
        rows.add(nulls);
        return rows;
    }
}
