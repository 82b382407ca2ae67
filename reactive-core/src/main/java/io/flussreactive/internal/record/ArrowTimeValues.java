package io.flussreactive.internal.record;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.apache.arrow.vector.types.TimeUnit;

/**
 * Converts TIME and TIMESTAMP values between their Java form and the integers of Arrow time
 * vectors.
 *
 * <p>Fluss keeps a TIME as milliseconds of the day and a TIMESTAMP as epoch milliseconds plus the
 * nanoseconds within that millisecond. The Arrow value is that pair expressed in the column's unit;
 * seconds come from a truncating division of the milliseconds, exactly as the official writer does.
 * Reading rounds towards negative infinity, so values before 1970 with sub-millisecond digits come
 * back intact.
 */
final class ArrowTimeValues {

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final int NANOS_PER_MILLI = 1_000_000;

    private ArrowTimeValues() {}

    /** The milliseconds of the day of a time; finer digits are dropped, as Fluss does. */
    static int millisOfDay(LocalTime time) {
        return (int) (time.toNanoOfDay() / NANOS_PER_MILLI);
    }

    /** The Arrow value of a TIME given as milliseconds of the day. */
    static long timeToArrow(int millisOfDay, TimeUnit unit) {
        return switch (unit) {
            case SECOND -> millisOfDay / 1000;
            case MILLISECOND -> millisOfDay;
            case MICROSECOND -> millisOfDay * 1000L;
            case NANOSECOND -> millisOfDay * 1_000_000L;
        };
    }

    /** The time of day an Arrow TIME value stands for. */
    static LocalTime timeFromArrow(long value, TimeUnit unit) {
        long millis = switch (unit) {
            case SECOND -> value * 1000;
            case MILLISECOND -> value;
            case MICROSECOND -> value / 1000;
            case NANOSECOND -> value / 1_000_000;
        };
        return LocalTime.ofNanoOfDay(millis * NANOS_PER_MILLI);
    }

    /**
     * The Arrow value of a timestamp without time zone.
     *
     * @throws ArithmeticException when the value does not fit the unit's 64 bits
     */
    static long toArrow(LocalDateTime timestamp, TimeUnit unit) {
        long epochDay = timestamp.toLocalDate().toEpochDay();
        long nanoOfDay = timestamp.toLocalTime().toNanoOfDay();
        long millis = Math.addExact(Math.multiplyExact(epochDay, MILLIS_PER_DAY), nanoOfDay / NANOS_PER_MILLI);
        return toArrow(millis, (int) (nanoOfDay % NANOS_PER_MILLI), unit);
    }

    /**
     * The Arrow value of an instant.
     *
     * @throws ArithmeticException when the value does not fit the unit's 64 bits
     */
    static long toArrow(Instant instant, TimeUnit unit) {
        long millis = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1000L),
                instant.getNano() / NANOS_PER_MILLI);
        return toArrow(millis, instant.getNano() % NANOS_PER_MILLI, unit);
    }

    private static long toArrow(long epochMillis, int nanoOfMilli, TimeUnit unit) {
        return switch (unit) {
            case SECOND -> epochMillis / 1000;
            case MILLISECOND -> epochMillis;
            case MICROSECOND -> Math.addExact(Math.multiplyExact(epochMillis, 1000L), nanoOfMilli / 1000);
            // Before 1970 the millisecond is negative and its nanoseconds positive: stepping to the next
            // millisecond first keeps the smallest representable instant from overflowing on the way.
            case NANOSECOND -> epochMillis < 0
                    ? Math.addExact(Math.multiplyExact(epochMillis + 1, 1_000_000L), nanoOfMilli - 1_000_000L)
                    : Math.addExact(Math.multiplyExact(epochMillis, 1_000_000L), nanoOfMilli);
        };
    }

    /** The date and time an Arrow TIMESTAMP value stands for. */
    static LocalDateTime localDateTimeFromArrow(long value, TimeUnit unit) {
        long perSecond = unitsPerSecond(unit);
        long nanosPerUnit = 1_000_000_000L / perSecond;
        return LocalDateTime.ofEpochSecond(Math.floorDiv(value, perSecond),
                (int) (Math.floorMod(value, perSecond) * nanosPerUnit), ZoneOffset.UTC);
    }

    /** The instant an Arrow TIMESTAMP value stands for. */
    static Instant instantFromArrow(long value, TimeUnit unit) {
        long perSecond = unitsPerSecond(unit);
        long nanosPerUnit = 1_000_000_000L / perSecond;
        return Instant.ofEpochSecond(Math.floorDiv(value, perSecond), Math.floorMod(value, perSecond) * nanosPerUnit);
    }

    private static long unitsPerSecond(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> 1L;
            case MILLISECOND -> 1_000L;
            case MICROSECOND -> 1_000_000L;
            case NANOSECOND -> 1_000_000_000L;
        };
    }
}
