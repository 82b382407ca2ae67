package io.flussreactive.internal.record;

import io.flussreactive.type.BinaryType;
import io.flussreactive.type.CharType;
import io.flussreactive.type.DecimalType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Conversions between the Java values of {@link io.flussreactive.row.Row} and the numbers Fluss
 * stores: days since the epoch, milliseconds of the day, epoch milliseconds plus nanoseconds of the
 * millisecond, unscaled decimals; and the length limits of CHAR(n) and BINARY(n) values.
 */
final class BinaryValues {

    /** Decimals of at most this precision are stored as an unscaled long. */
    static final int MAX_COMPACT_DECIMAL_PRECISION = 18;

    /** Timestamps of at most this precision are stored as epoch milliseconds only. */
    static final int MAX_COMPACT_TIMESTAMP_PRECISION = 3;

    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private BinaryValues() {
    }

    static boolean isCompactDecimal(DecimalType type) {
        return type.precision() <= MAX_COMPACT_DECIMAL_PRECISION;
    }

    static boolean isCompactTimestamp(int precision) {
        return precision <= MAX_COMPACT_TIMESTAMP_PRECISION;
    }

    static int epochDays(LocalDate date) {
        return Math.toIntExact(date.toEpochDay());
    }

    static LocalDate date(int epochDays) {
        return LocalDate.ofEpochDay(epochDays);
    }

    /** Milliseconds of the day; finer digits are dropped, as Fluss keeps TIME to the millisecond. */
    static int millisOfDay(LocalTime time) {
        return (int) (time.toNanoOfDay() / NANOS_PER_MILLI);
    }

    static LocalTime time(int millisOfDay) {
        return LocalTime.ofNanoOfDay(millisOfDay * NANOS_PER_MILLI);
    }

    static long epochMillis(LocalDateTime timestamp) {
        return timestamp.toLocalDate().toEpochDay() * MILLIS_PER_DAY
                + timestamp.toLocalTime().toNanoOfDay() / NANOS_PER_MILLI;
    }

    static int nanoOfMilli(LocalDateTime timestamp) {
        return timestamp.getNano() % (int) NANOS_PER_MILLI;
    }

    static LocalDateTime timestamp(long epochMillis, int nanoOfMilli) {
        long seconds = Math.floorDiv(epochMillis, 1000L);
        long nanos = Math.floorMod(epochMillis, 1000L) * NANOS_PER_MILLI + nanoOfMilli;
        return LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC);
    }

    static long epochMillis(Instant instant) {
        return instant.getEpochSecond() * 1000L + instant.getNano() / NANOS_PER_MILLI;
    }

    static int nanoOfMilli(Instant instant) {
        return instant.getNano() % (int) NANOS_PER_MILLI;
    }

    static Instant instant(long epochMillis, int nanoOfMilli) {
        long seconds = Math.floorDiv(epochMillis, 1000L);
        long nanos = Math.floorMod(epochMillis, 1000L) * NANOS_PER_MILLI + nanoOfMilli;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /**
     * The value with the type's scale, rounding half up as the official client does.
     *
     * @throws IllegalArgumentException if the value needs more digits than the type's precision
     */
    static BigDecimal rescale(BigDecimal value, DecimalType type) {
        BigDecimal scaled = value.setScale(type.scale(), RoundingMode.HALF_UP);
        if (scaled.precision() > type.precision()) {
            throw new IllegalArgumentException(
                    "The value " + value.toPlainString() + " does not fit into " + type.summary());
        }
        return scaled;
    }

    static BigDecimal decimal(long unscaled, DecimalType type) {
        return BigDecimal.valueOf(unscaled, type.scale());
    }

    static BigDecimal decimal(byte[] unscaled, DecimalType type) {
        return new BigDecimal(new BigInteger(unscaled), type.scale());
    }

    static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The UTF-8 bytes of a CHAR(n) value.
     *
     * @throws IllegalArgumentException if they are more than n: the INDEXED format stores n bytes, and
     *     every format takes the same values
     */
    static byte[] charBytes(String value, CharType type) {
        byte[] bytes = utf8(value);
        if (bytes.length > type.length()) {
            throw new IllegalArgumentException(charTooLong(bytes.length, type.length()));
        }
        return bytes;
    }

    /** What is wrong with a CHAR value of {@code bytes} UTF-8 bytes for a CHAR({@code length}). */
    static String charTooLong(int bytes, int length) {
        return "the value takes " + bytes + " bytes in UTF-8, but the type holds at most " + length;
    }

    /**
     * A BINARY(n) value, which must have exactly n bytes.
     *
     * @throws IllegalArgumentException otherwise: the server writes BINARY(n) values into fixed-width
     *     Arrow vectors (the changelog of a primary-key table too), which take n bytes and no other number
     */
    static byte[] binaryBytes(byte[] value, BinaryType type) {
        if (value.length != type.length()) {
            throw new IllegalArgumentException(binaryWrongLength(value.length, type.length()));
        }
        return value;
    }

    /** What is wrong with a BINARY value of {@code bytes} bytes for a BINARY({@code length}). */
    static String binaryWrongLength(int bytes, int length) {
        return "the value has " + bytes + " bytes, but the type holds exactly " + length;
    }

    static String string(byte[] utf8, int offset, int length) {
        return new String(utf8, offset, length, StandardCharsets.UTF_8);
    }
}
