package io.flussreactive.row;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * A row of values by position, in the order of the table's columns.
 *
 * <p>Each Fluss type has one Java class, the same for writing and reading. A value of any other class
 * ({@code 1} rather than {@code 1L} for a BIGINT) fails its row with an {@link IllegalArgumentException}
 * naming the column.
 *
 * <table>
 *   <caption>Java values of Fluss types</caption>
 *   <tr><th>Fluss type</th><th>Java class</th><th>Notes</th></tr>
 *   <tr><td>BOOLEAN</td><td>{@link Boolean}</td><td></td></tr>
 *   <tr><td>TINYINT, SMALLINT, INT, BIGINT</td>
 *       <td>{@link Byte}, {@link Short}, {@link Integer}, {@link Long}</td><td></td></tr>
 *   <tr><td>FLOAT, DOUBLE</td><td>{@link Float}, {@link Double}</td><td></td></tr>
 *   <tr><td>CHAR(n), STRING</td><td>{@link String}</td>
 *       <td>CHAR(n): at most n bytes in UTF-8, never padded</td></tr>
 *   <tr><td>BINARY(n), BYTES</td><td>{@code byte[]}</td>
 *       <td>BINARY(n): exactly n bytes; the INDEXED format drops trailing zero bytes on read</td></tr>
 *   <tr><td>DECIMAL(p, s)</td><td>{@link BigDecimal}</td>
 *       <td>written rounded half up to scale s (more than p digits then fails the row); read with scale
 *       s</td></tr>
 *   <tr><td>DATE</td><td>{@link LocalDate}</td><td></td></tr>
 *   <tr><td>TIME(p)</td><td>{@link LocalTime}</td>
 *       <td>digits finer than the millisecond are dropped, finer than p may be</td></tr>
 *   <tr><td>TIMESTAMP(p)</td><td>{@link LocalDateTime}</td><td>digits finer than p may be dropped</td></tr>
 *   <tr><td>TIMESTAMP_LTZ(p)</td><td>{@link Instant}</td><td>digits finer than p may be dropped</td></tr>
 *   <tr><td>ARRAY&lt;T&gt;</td><td>{@link List}</td>
 *       <td>any {@code List} to write; read as an unmodifiable {@code List}; elements may be null unless T
 *       is NOT NULL</td></tr>
 *   <tr><td>MAP&lt;K, V&gt;</td><td>{@link Map}</td>
 *       <td>any {@code Map} without null keys to write; read as an unmodifiable {@code Map} in stored
 *       order</td></tr>
 *   <tr><td>ROW&lt;...&gt;</td><td>{@link Row}</td>
 *       <td>any {@code Row} to write; read as a {@link GenericRow}</td></tr>
 * </table>
 *
 * <p>A row read from Fluss may be a view over memory that is released later (see
 * {@code RecordBatch}); copy it with {@link GenericRow#copyOf(Row)} to keep it.
 */
public interface Row {

    /** The number of values. */
    int fieldCount();

    /** Whether the value at {@code pos} is null. */
    boolean isNull(int pos);

    /**
     * The value at {@code pos} as its Java representation (see the class documentation), or null.
     *
     * @throws IndexOutOfBoundsException when {@code pos} is not within {@code [0, fieldCount())}
     */
    Object get(int pos);

    /** The BOOLEAN at {@code pos}; the value must not be null. */
    default boolean getBoolean(int pos) {
        return (Boolean) get(pos);
    }

    /** The TINYINT at {@code pos}; the value must not be null. */
    default byte getByte(int pos) {
        return (Byte) get(pos);
    }

    /** The SMALLINT at {@code pos}; the value must not be null. */
    default short getShort(int pos) {
        return (Short) get(pos);
    }

    /** The INT at {@code pos}; the value must not be null. */
    default int getInt(int pos) {
        return (Integer) get(pos);
    }

    /** The BIGINT at {@code pos}; the value must not be null. */
    default long getLong(int pos) {
        return (Long) get(pos);
    }

    /** The FLOAT at {@code pos}; the value must not be null. */
    default float getFloat(int pos) {
        return (Float) get(pos);
    }

    /** The DOUBLE at {@code pos}; the value must not be null. */
    default double getDouble(int pos) {
        return (Double) get(pos);
    }

    /** The CHAR or STRING at {@code pos}, or null. */
    default String getString(int pos) {
        return (String) get(pos);
    }

    /** The BINARY or BYTES at {@code pos}, or null. */
    default byte[] getBytes(int pos) {
        return (byte[]) get(pos);
    }

    /** The DECIMAL at {@code pos}, or null. */
    default BigDecimal getDecimal(int pos) {
        return (BigDecimal) get(pos);
    }

    /** The DATE at {@code pos}, or null. */
    default LocalDate getDate(int pos) {
        return (LocalDate) get(pos);
    }

    /** The TIME at {@code pos}, or null. */
    default LocalTime getTime(int pos) {
        return (LocalTime) get(pos);
    }

    /** The TIMESTAMP at {@code pos}, or null. */
    default LocalDateTime getTimestamp(int pos) {
        return (LocalDateTime) get(pos);
    }

    /** The TIMESTAMP_LTZ at {@code pos}, or null. */
    default Instant getInstant(int pos) {
        return (Instant) get(pos);
    }

    /** The ARRAY at {@code pos}, or null. */
    @SuppressWarnings("unchecked")
    default List<Object> getArray(int pos) {
        return (List<Object>) get(pos);
    }

    /** The MAP at {@code pos}, or null. */
    @SuppressWarnings("unchecked")
    default Map<Object, Object> getMap(int pos) {
        return (Map<Object, Object>) get(pos);
    }

    /** The ROW at {@code pos}, or null. */
    default Row getRow(int pos) {
        return (Row) get(pos);
    }
}
